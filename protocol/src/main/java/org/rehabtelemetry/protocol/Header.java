package org.rehabtelemetry.protocol;

import java.time.Instant;

/**
 * The fields every message carries besides its schema version and type.
 *
 * @param deviceId the sending device, or for a command the target device (see {@link Identifiers})
 * @param bootId opaque id of the sender's current process run; changes at every agent start
 * @param time when the message was created, wall-clock UTC (a device with an unsynchronised clock
 *     may send times far in the past; {@link DeviceStatus#clockSynchronised()} says so)
 */
public record Header(String deviceId, String bootId, Instant time) {
  private static final Instant EARLIEST = Instant.EPOCH;
  private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

  public Header {
    Identifiers.deviceId("deviceId", deviceId);
    Identifiers.opaqueId("bootId", bootId);
    checkTime("time", time);
  }

  static Instant checkTime(String field, Instant time) {
    Identifiers.requireNonNull(field, time);
    if (time.isBefore(EARLIEST) || !time.isBefore(LATEST)) {
      throw new ProtocolException(field, "must be between 1970 and 2200, was " + time);
    }
    return time;
  }
}
