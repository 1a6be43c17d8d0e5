package org.rehabtelemetry.hardware.fault;

/**
 * The kinds of sensor faults drivers count. {@link #isCondition()} faults put the sensor in the
 * {@link SensorStatus.Health#FAULTED} state until good data flows again; the others are transient
 * and only counted.
 */
public enum FaultKind {
  /** Bytes skipped while looking for a frame start (noise on the line). */
  GARBAGE_BYTES(false),
  /** A frame whose checksum did not match. */
  BAD_CRC(false),
  /** A frame header with a length beyond the protocol's maximum. */
  BAD_LENGTH(false),
  /** A frame header with a protocol version this driver does not speak. */
  BAD_VERSION(false),
  /** A frame of a type this driver does not know. */
  UNKNOWN_TYPE(false),
  /** A frame or line whose content does not fit its type. */
  BAD_PAYLOAD(false),
  /** A frame that stopped arriving part-way through. */
  TRUNCATED(false),
  /** Frames missing according to the sender's frame counter. */
  LOST_FRAMES(false),
  /**
   * A frame numbered behind the one expected: a stray, repeated or forged frame, or a sender that
   * restarted without announcing it. Not counted as lost frames.
   */
  OUT_OF_ORDER(false),
  /** A channel id the profile does not map. */
  UNKNOWN_CHANNEL(false),
  /** A value outside the channel's physical range; it is reported, not used as a sample. */
  OUT_OF_RANGE(true),
  /** No valid reading for longer than the sensor's silence timeout. */
  SILENT(true),
  /** The port disappeared or could not be opened (e.g. USB unplugged). */
  PORT_LOST(true),
  /** The sensor itself reported a fault (e.g. the hub says a load cell is disconnected). */
  SENSOR_REPORTED(true),
  /** An I²C transfer failed. */
  BUS_ERROR(false);

  private final boolean condition;

  FaultKind(boolean condition) {
    this.condition = condition;
  }

  /** Whether this fault marks the sensor as faulted until good data flows again. */
  public boolean isCondition() {
    return condition;
  }
}
