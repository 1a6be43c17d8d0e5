package org.rehabtelemetry.hardware.hub;

/**
 * One frame of the sensor-hub protocol, without sync and CRC. See {@code
 * docs/sensor-hub-protocol.md}.
 *
 * @param type the frame type, e.g. {@link #TYPE_SAMPLES}
 * @param seq the hub's frame counter, 0–65535, wrapping
 * @param payload the payload bytes (the array is not copied; do not modify it)
 */
// The payload is the raw frame bytes as read from the port, not copied on the hot path; frames
// are never compared, hashed or printed, so the array's identity-based equals does not matter.
@SuppressWarnings("ArrayRecordComponent")
public record HubFrame(int type, int seq, byte[] payload) {
  public static final int SYNC_1 = 0xA5;
  public static final int SYNC_2 = 0x5A;
  public static final int VERSION = 1;
  public static final int HEADER_BYTES = 8;
  public static final int CRC_BYTES = 2;
  public static final int MAX_PAYLOAD = 512;

  /** Samples: u32 hub time (µs), u8 count, then count × (u8 channel id, i32 raw value). */
  public static final int TYPE_SAMPLES = 0x01;

  /** Sent once after the hub boots: u8 firmware major, u8 minor, u32 serial, u8 channel count. */
  public static final int TYPE_HELLO = 0x02;

  /** A channel's state changed: u8 channel id, u8 state (0 ok, 1 disconnected, 2 saturated). */
  public static final int TYPE_CHANNEL_STATE = 0x03;
}
