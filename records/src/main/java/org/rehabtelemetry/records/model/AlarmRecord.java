package org.rehabtelemetry.records.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One alarm state change during a session, as stored.
 *
 * @param time when the device changed the alarm's state
 * @param code the rule's code ({@code SPO2_LOW})
 * @param priority {@code high}, {@code medium} or {@code low}
 * @param state {@code raised}, {@code acknowledged} or {@code cleared}
 * @param channel the channel it watches, or null
 * @param message the device's own words
 * @param value the value that raised it, or null
 * @param limit the limit it crossed, or null
 */
public record AlarmRecord(
    Instant time,
    String code,
    String priority,
    String state,
    String channel,
    String message,
    Double value,
    Double limit) {
  public AlarmRecord {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(state, "state");
    priority = priority == null ? "" : priority;
    message = message == null ? "" : message;
  }

  public boolean raised() {
    return "raised".equals(state);
  }
}
