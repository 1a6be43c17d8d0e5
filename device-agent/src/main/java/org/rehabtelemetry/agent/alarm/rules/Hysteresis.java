package org.rehabtelemetry.agent.alarm.rules;

/** How far back a value must come before a limit alarm clears: 1 % of the limit, at least 0.5. */
final class Hysteresis {
  private Hysteresis() {}

  static double of(double limit) {
    return Math.max(0.5, Math.abs(limit) * 0.01);
  }

  /** A number for a therapist: whole numbers without decimals, else one decimal. */
  static String fmt(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.format("%.1f", value);
  }
}
