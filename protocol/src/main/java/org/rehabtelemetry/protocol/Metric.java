package org.rehabtelemetry.protocol;

/**
 * One clinical metric of a session summary.
 *
 * @param value the value, finite
 * @param unit its unit symbol, e.g. {@code min}, {@code %}, {@code /min}, {@code count}
 */
public record Metric(double value, String unit) {
  public Metric {
    Maps.finite("value", value);
    Identifiers.unit("unit", unit);
  }
}
