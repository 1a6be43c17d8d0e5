package org.rehabtelemetry.simulator.course;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.rehabtelemetry.protocol.Identifiers;

/**
 * A verticalizer course: {@code sessions} sessions over {@code days} days ending yesterday, at
 * 10:00 in the clinic's zone, skipping days evenly; the tolerated tilt (and the target the
 * therapist sets) rising evenly from {@code firstTiltDeg} to {@code lastTiltDeg}. Immutable.
 *
 * @param patientCode the child's pseudonymous code
 * @param deviceId the verticalizer the sessions ran on
 * @param sessions how many sessions (the example: 12)
 * @param days over how many days (14)
 * @param firstTiltDeg the first session's highest tilt (40)
 * @param lastTiltDeg the last session's (70)
 * @param sessionLength each session's length
 * @param zone the clinic's zone
 */
public record CourseScript(
    String patientCode,
    String deviceId,
    int sessions,
    int days,
    double firstTiltDeg,
    double lastTiltDeg,
    Duration sessionLength,
    ZoneId zone) {

  public CourseScript {
    Identifiers.patientCode("patientCode", patientCode);
    if (sessions < 1 || days < sessions || days > 28) {
      throw new IllegalArgumentException(
          "a course needs 1.."
              + days
              + " sessions over at most 28 days (the store's backfill"
              + " window is 30), not "
              + sessions
              + " over "
              + days);
    }
  }

  /**
   * The course: P-0042 on vert-02, 12 sessions over 14 days, 40° to 70°, 6 minutes each.
   */
  public static CourseScript example(ZoneId zone) {
    return new CourseScript("P-0042", "vert-02", 12, 14, 40, 70, Duration.ofMinutes(6), zone);
  }

  /** When each session starts, oldest first, the last one yesterday. */
  public List<Instant> starts(Instant now) {
    LocalDate yesterday = now.atZone(zone).toLocalDate().minusDays(1);
    LocalDate first = yesterday.minusDays(days - 1L);
    List<Instant> starts = new ArrayList<>();
    for (int i = 0; i < sessions; i++) {
      long day = sessions == 1 ? days - 1L : Math.round(i * (days - 1.0) / (sessions - 1.0));
      starts.add(first.plusDays(day).atTime(LocalTime.of(10, 0)).atZone(zone).toInstant());
    }
    return starts;
  }

  /** Session {@code i}'s highest tilt (0-based). */
  public double tiltOf(int i) {
    return sessions == 1
        ? lastTiltDeg
        : firstTiltDeg + (lastTiltDeg - firstTiltDeg) * i / (sessions - 1.0);
  }
}
