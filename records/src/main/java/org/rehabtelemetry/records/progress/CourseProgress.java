package org.rehabtelemetry.records.progress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.hardware.profile.MetricSpec;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.records.course.Course;
import org.rehabtelemetry.records.model.SessionRecord;

/**
 * A course's progress: every summary metric of every device kind the child used, session by
 * session, against the previous course; and compliance (sessions done against prescribed), the
 * interrupted sessions and the alarms. Immutable.
 *
 * @param course the course
 * @param previous the child's course before it, if any
 * @param trends the metrics, by device kind in the order the profiles list them
 * @param interrupted sessions that ended interrupted
 * @param alarms alarms raised across the course
 */
public record CourseProgress(
    Course course,
    Optional<Course> previous,
    List<MetricTrend> trends,
    int interrupted,
    long alarms) {

  /** The session's running time in minutes; every summary starts with it. */
  public static final String DURATION = "durationMin";

  public CourseProgress {
    trends = List.copyOf(trends);
  }

  /** Sessions done (any outcome). */
  public int sessionsDone() {
    return course.sessions().size();
  }

  /** The trend of {@code metric} on {@code kind}, if any session had it. */
  public Optional<MetricTrend> trend(DeviceKind kind, String metric) {
    return trends.stream()
        .filter(t -> t.kind().equals(kind) && t.metric().equals(metric))
        .findFirst();
  }

  /**
   * Computes the progress of {@code course}.
   *
   * @param profiles the profile of each device kind (labels, units, which metrics there are)
   */
  public static CourseProgress of(
      Course course, Optional<Course> previous, Map<DeviceKind, DeviceProfile> profiles) {
    Map<DeviceKind, List<SessionRecord>> byKind = new LinkedHashMap<>();
    for (SessionRecord session : course.sessions()) {
      byKind.computeIfAbsent(session.kind(), k -> new ArrayList<>()).add(session);
    }
    List<MetricTrend> trends = new ArrayList<>();
    for (Map.Entry<DeviceKind, List<SessionRecord>> kind : byKind.entrySet()) {
      DeviceProfile profile = profiles.get(kind.getKey());
      List<MetricSpec> specs = profile == null ? List.of() : profile.summary();
      trend(kind.getKey(), DURATION, "min", 0, kind.getValue(), previous).ifPresent(trends::add);
      for (MetricSpec spec : specs) {
        trend(kind.getKey(), spec.name(), spec.unit(), spec.decimals(), kind.getValue(), previous)
            .ifPresent(trends::add);
      }
    }
    int interrupted = (int) course.sessions().stream().filter(SessionRecord::interrupted).count();
    long alarms = course.sessions().stream().mapToLong(SessionRecord::alarmsRaised).sum();
    return new CourseProgress(course, previous, trends, interrupted, alarms);
  }

  private static Optional<MetricTrend> trend(
      DeviceKind kind,
      String metric,
      String unit,
      int decimals,
      List<SessionRecord> sessions,
      Optional<Course> previous) {
    List<MetricTrend.Point> points = new ArrayList<>();
    int number = 0;
    for (SessionRecord session : sessions) {
      number++;
      Double value = session.metrics().get(metric);
      if (value != null && Double.isFinite(value)) {
        points.add(new MetricTrend.Point(number, session.startedAt(), value));
      }
    }
    if (points.isEmpty()) {
      return Optional.empty();
    }
    OptionalDouble before =
        previous
            .map(
                course ->
                    course.sessions().stream()
                        .filter(s -> s.kind().equals(kind))
                        .map(s -> s.metrics().get(metric))
                        .filter(v -> v != null && Double.isFinite(v))
                        .mapToDouble(Double::doubleValue)
                        .average())
            .orElse(OptionalDouble.empty());
    return Optional.of(new MetricTrend(kind, metric, unit, decimals, points, before));
  }
}
