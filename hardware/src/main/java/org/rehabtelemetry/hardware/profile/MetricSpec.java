package org.rehabtelemetry.hardware.profile;

import java.time.Duration;

/**
 * One clinical metric of a session summary, as data: the agent computes it from the readings
 * recorded while the session ran. A metric whose inputs never arrived is left out of the summary,
 * never reported as zero.
 *
 * @param name the metric's name on the wire, e.g. {@code maxTiltDeg}
 * @param type how it is computed
 * @param channel the channel it reads (for {@link Type#SYMMETRY_INDEX}: the left one)
 * @param otherChannel the right channel of {@link Type#SYMMETRY_INDEX}, else null
 * @param setting the programme setting it compares with, or null
 * @param value a fixed threshold (used when {@code setting} is null), or NaN
 * @param tolerance for {@link Type#TIME_AT_OR_ABOVE}: how far below the target still counts
 * @param baseline for the baseline types: the session's first part that makes the baseline
 * @param unit the metric's unit symbol
 * @param decimals how many decimals people are shown
 * @param labels what people read instead of {@code name}
 */
public record MetricSpec(
    String name,
    Type type,
    String channel,
    String otherChannel,
    String setting,
    double value,
    double tolerance,
    Duration baseline,
    String unit,
    int decimals,
    Labels labels) {

  /** How a metric is computed from one channel's readings. */
  public enum Type {
    /** the highest value */
    MAX("max"),
    /** the lowest value */
    MIN("min"),
    /** the mean of the readings */
    MEAN("mean"),
    /** minutes with the value at or above the setting (or value) minus the tolerance */
    TIME_AT_OR_ABOVE("timeAtOrAbove"),
    /** the mean as a percentage of a setting (load as % of body weight) */
    MEAN_PERCENT_OF_SETTING("meanPercentOfSetting"),
    /** (R − L) / (0.5 (R + L)) × 100 of the two channels' means (Zifchock 2008) */
    SYMMETRY_INDEX("symmetryIndex"),
    /** the mean over the baseline period at the session's start */
    BASELINE_MEAN("baselineMean"),
    /** the highest value minus the baseline mean */
    PEAK_RISE_OVER_BASELINE("peakRiseOverBaseline"),
    /** the integral of |value| per minute over time (rpm → revolutions) */
    PER_MINUTE_INTEGRAL("perMinuteIntegral"),
    /** last minus first value of a counter (spasms counted by the trainer) */
    INCREASE("increase");

    private final String yamlName;

    Type(String yamlName) {
      this.yamlName = yamlName;
    }

    /** The spelling in profile files. */
    public String yamlName() {
      return yamlName;
    }
  }
}
