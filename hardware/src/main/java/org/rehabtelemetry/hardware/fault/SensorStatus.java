package org.rehabtelemetry.hardware.fault;

import java.util.Map;

/**
 * A snapshot of one sensor's health, for the agent to turn into a technical alarm.
 *
 * @param sensor the sensor's name from the profile, e.g. {@code sensorHub}
 * @param health OK or FAULTED
 * @param cause the condition that faulted it, or {@code null} when OK
 * @param detail a sentence for the therapist and the operator, e.g. {@code /dev/ttyUSB0
 *     disappeared}; empty when OK
 * @param counts the fault counters since the driver started, by kind (kinds never seen are absent)
 */
public record SensorStatus(
    String sensor, Health health, FaultKind cause, String detail, Map<FaultKind, Long> counts) {

  public SensorStatus {
    counts = Map.copyOf(counts);
  }

  /** Whether the sensor delivers valid data. */
  public enum Health {
    OK,
    FAULTED
  }

  public boolean isFaulted() {
    return health == Health.FAULTED;
  }

  /** The count of one fault kind, 0 if never seen. */
  public long count(FaultKind kind) {
    return counts.getOrDefault(kind, 0L);
  }
}
