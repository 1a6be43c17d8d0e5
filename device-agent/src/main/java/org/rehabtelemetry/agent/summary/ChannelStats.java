package org.rehabtelemetry.agent.summary;

/** One channel's running statistics over a session's readings. Not thread-safe. */
final class ChannelStats {
  double min = Double.POSITIVE_INFINITY;
  double max = Double.NEGATIVE_INFINITY;
  double sum;
  long count;
  double first = Double.NaN;
  double last = Double.NaN;
  long lastNanos = Long.MIN_VALUE;
  double baselineSum;
  long baselineCount;

  /** Adds a reading; {@code inBaseline} when it falls in the session's baseline period. */
  void add(double value, long nanos, boolean inBaseline) {
    min = Math.min(min, value);
    max = Math.max(max, value);
    sum += value;
    count++;
    if (Double.isNaN(first)) {
      first = value;
    }
    last = value;
    lastNanos = nanos;
    if (inBaseline) {
      baselineSum += value;
      baselineCount++;
    }
  }

  double mean() {
    return sum / count;
  }
}
