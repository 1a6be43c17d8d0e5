package org.rehabtelemetry.hardware.hub;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes sensor-hub frames: what the hub's firmware sends. Used by the simulator and the tests, and
 * the reference for firmware authors. Stateless and thread-safe.
 */
public final class HubFrameWriter {
  private HubFrameWriter() {}

  /** A complete frame: sync, header, payload and CRC. */
  public static byte[] frame(int type, int seq, byte[] payload) {
    if (payload.length > HubFrame.MAX_PAYLOAD) {
      throw new IllegalArgumentException("payload of " + payload.length + " bytes is too long");
    }
    ByteBuffer out =
        ByteBuffer.allocate(HubFrame.HEADER_BYTES + payload.length + HubFrame.CRC_BYTES)
            .order(ByteOrder.LITTLE_ENDIAN);
    out.put((byte) HubFrame.SYNC_1).put((byte) HubFrame.SYNC_2);
    out.put((byte) HubFrame.VERSION).put((byte) type);
    out.putShort((short) seq).putShort((short) payload.length);
    out.put(payload);
    out.putShort((short) Crc16.of(out.array(), 2, HubFrame.HEADER_BYTES - 2 + payload.length));
    return out.array();
  }

  /**
   * A samples payload.
   *
   * @param hubMicros the hub's clock in microseconds (only the low 32 bits are sent)
   * @param channelIds channel ids, 1–254, each at most once
   * @param rawValues raw values, one per channel id; physical value = raw × the profile's scale
   */
  public static byte[] samples(long hubMicros, int[] channelIds, int[] rawValues) {
    ByteBuffer out = ByteBuffer.allocate(5 + 5 * channelIds.length).order(ByteOrder.LITTLE_ENDIAN);
    out.putInt((int) hubMicros).put((byte) channelIds.length);
    for (int i = 0; i < channelIds.length; i++) {
      out.put((byte) channelIds[i]).putInt(rawValues[i]);
    }
    return out.array();
  }

  /** A hello payload. */
  public static byte[] hello(int firmwareMajor, int firmwareMinor, long serial, int channels) {
    return ByteBuffer.allocate(7)
        .order(ByteOrder.LITTLE_ENDIAN)
        .put((byte) firmwareMajor)
        .put((byte) firmwareMinor)
        .putInt((int) serial)
        .put((byte) channels)
        .array();
  }

  /** A channel-state payload. */
  public static byte[] channelState(int channelId, int state) {
    return new byte[] {(byte) channelId, (byte) state};
  }
}
