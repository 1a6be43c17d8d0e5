package org.rehabtelemetry.agent.alarm;

import org.rehabtelemetry.protocol.AlarmPriority;

/**
 * What to raise. Use the named factories: {@link #condition} for a rule's condition on a channel,
 * {@link #latched} for a safety stop that stays until a person resets it, {@link #technical} for a
 * fault of the equipment itself (sensor, journal, disk, clock, link).
 *
 * @param key identifies the condition, so raising it again while active does nothing, e.g. {@code
 *     SPO2_LOW} or {@code SENSOR:oximeter}
 * @param code the wire code
 * @param priority IEC 60601-1-8 priority
 * @param latched whether it stays after the condition ends until a person deals with it
 * @param channel the channel, or null
 * @param value the triggering value, or null
 * @param limit the crossed limit, or null
 * @param message a short sentence for the therapist
 */
public record AlarmSpec(
    String key,
    String code,
    AlarmPriority priority,
    boolean latched,
    String channel,
    Double value,
    Double limit,
    String message) {

  /** A rule's condition on {@code channel}, keyed by its code, not latched. */
  public static AlarmSpec condition(
      String code,
      AlarmPriority priority,
      String channel,
      double value,
      Double limit,
      String message) {
    return new AlarmSpec(code, code, priority, false, channel, value, limit, message);
  }

  /** A safety stop that stays until a person resets it, keyed by its code. */
  public static AlarmSpec latched(String code, AlarmPriority priority, String message) {
    return new AlarmSpec(code, code, priority, true, null, null, null, message);
  }

  /**
   * A technical alarm: the equipment, not the child. {@code key} tells one fault from another of
   * the same code (two sensors).
   */
  public static AlarmSpec technical(
      String key, String code, AlarmPriority priority, boolean latched, String message) {
    return new AlarmSpec(key, code, priority, latched, null, null, null, message);
  }

  /** The same alarm with a value attached (e.g. how many records a fault cost). */
  public AlarmSpec withValue(double newValue) {
    return new AlarmSpec(key, code, priority, latched, channel, newValue, limit, message);
  }
}
