package org.rehabtelemetry.records.progress;

import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.rehabtelemetry.protocol.DeviceKind;

/**
 * One metric of one device kind across a course: a value for each session that has it, and the mean
 * of the same metric over the child's previous course, if there was one. Immutable.
 *
 * @param kind the device kind whose sessions it comes from
 * @param metric the summary metric's name ({@code maxTiltDeg})
 * @param unit its unit
 * @param decimals how many decimals people are shown
 * @param points the sessions' values, oldest first
 * @param previousCourseMean the previous course's mean, empty without one
 */
public record MetricTrend(
    DeviceKind kind,
    String metric,
    String unit,
    int decimals,
    List<Point> points,
    OptionalDouble previousCourseMean) {

  /**
   * One session's value.
   *
   * @param session 1 for the course's first session of this kind, then 2, …
   * @param time when the session started
   * @param value the metric's value
   */
  public record Point(int session, Instant time, double value) {}

  public MetricTrend {
    points = List.copyOf(points);
    if (points.isEmpty()) {
      throw new IllegalArgumentException("a trend needs at least one value: " + metric);
    }
  }

  public double first() {
    return points.get(0).value();
  }

  public double last() {
    return points.get(points.size() - 1).value();
  }

  public double mean() {
    return points.stream().mapToDouble(Point::value).average().orElse(Double.NaN);
  }

  public double best(boolean higherIsBetter) {
    return higherIsBetter
        ? points.stream().mapToDouble(Point::value).max().orElse(Double.NaN)
        : points.stream().mapToDouble(Point::value).min().orElse(Double.NaN);
  }
}
