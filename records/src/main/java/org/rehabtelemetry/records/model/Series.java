package org.rehabtelemetry.records.model;

import java.util.Arrays;

/**
 * One channel of a session for a chart: seconds since the session started and the values, in time
 * order, already thinned by the store (at most a few thousand points). Immutable (copies in).
 */
public final class Series {
  private final String channel;
  private final double[] seconds;
  private final double[] values;

  /**
   * @param channel the channel's name
   * @param seconds seconds since the session started
   * @param values the values, in the channel's unit
   */
  public Series(String channel, double[] seconds, double[] values) {
    if (seconds.length != values.length) {
      throw new IllegalArgumentException(
          "series " + channel + ": " + seconds.length + " times for " + values.length + " values");
    }
    this.channel = channel;
    this.seconds = seconds.clone();
    this.values = values.clone();
  }

  public String channel() {
    return channel;
  }

  public int size() {
    return values.length;
  }

  public double secondsAt(int i) {
    return seconds[i];
  }

  public double valueAt(int i) {
    return values[i];
  }

  /**
   * Seconds spent in each {@code binWidth}-wide band of values, the first from 0: the time at each
   * angle of a tilt profile. A step longer than {@code maxStepSeconds} (a gap) counts for nothing.
   */
  public double[] secondsPerBand(double binWidth, int bins, double maxStepSeconds) {
    double[] total = new double[bins];
    for (int i = 0; i + 1 < values.length; i++) {
      double step = seconds[i + 1] - seconds[i];
      if (step <= 0 || step > maxStepSeconds || !Double.isFinite(values[i])) {
        continue;
      }
      int bin = (int) Math.floor(values[i] / binWidth);
      total[Math.max(0, Math.min(bins - 1, bin))] += step;
    }
    return total;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Series s
        && channel.equals(s.channel)
        && Arrays.equals(seconds, s.seconds)
        && Arrays.equals(values, s.values);
  }

  @Override
  public int hashCode() {
    return channel.hashCode() * 31 + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Series[" + channel + ", " + values.length + " points]";
  }
}
