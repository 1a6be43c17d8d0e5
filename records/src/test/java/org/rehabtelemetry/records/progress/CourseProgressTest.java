package org.rehabtelemetry.records.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.hardware.profile.DeviceProfiles;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.records.SampleCourse;
import org.rehabtelemetry.records.course.Course;
import org.rehabtelemetry.records.course.Courses;
import org.rehabtelemetry.records.model.SessionRecord;

class CourseProgressTest {
  private static final Map<DeviceKind, org.rehabtelemetry.hardware.profile.DeviceProfile> PROFILES =
      Map.of(DeviceKind.VERTICALIZER, DeviceProfiles.builtIn(DeviceKind.VERTICALIZER));

  @Test
  void everyProfileMetricIsTrendedAndComparedWithThePreviousCourse() {
    List<SessionRecord> sessions =
        new ArrayList<>(SampleCourse.verticalizer(Instant.parse("2026-01-12T00:00:00Z"), 6, false));
    sessions.addAll(SampleCourse.verticalizer(Instant.parse("2026-05-11T00:00:00Z"), 12, false));
    List<Course> courses =
        new Courses(Duration.ofDays(21), 12).group(SampleCourse.PATIENT, sessions, List.of());

    CourseProgress progress =
        CourseProgress.of(courses.get(1), Optional.of(courses.get(0)), PROFILES);

    MetricTrend tilt = progress.trend(DeviceKind.VERTICALIZER, "maxTiltDeg").orElseThrow();
    assertEquals(40, tilt.first(), 1e-9);
    assertEquals(70, tilt.last(), 1e-9);
    assertEquals(12, tilt.points().size());
    // the previous course (6 sessions, 40..70 in steps of 6) averages 55
    assertEquals(55, tilt.previousCourseMean().getAsDouble(), 1e-9);
    assertEquals(0, tilt.decimals());
    assertTrue(progress.trend(DeviceKind.VERTICALIZER, CourseProgress.DURATION).isPresent());
    assertEquals(
        DeviceProfiles.builtIn(DeviceKind.VERTICALIZER).summary().size() + 1,
        progress.trends().size(),
        "duration and each of the profile's nine metrics");
    assertEquals(12, progress.sessionsDone());
    assertEquals(1, progress.interrupted());
    assertEquals(1, progress.alarms(), "one alarm raised; its clearing is not another alarm");
  }

  @Test
  void aFirstCourseHasNothingToCompareWith() {
    List<Course> courses =
        new Courses(Duration.ofDays(21), 0)
            .group(
                SampleCourse.PATIENT,
                SampleCourse.verticalizer(Instant.parse("2026-01-12T00:00:00Z"), 3, false),
                List.of());
    CourseProgress progress = CourseProgress.of(courses.get(0), Optional.empty(), PROFILES);
    assertFalse(
        progress
            .trend(DeviceKind.VERTICALIZER, "maxTiltDeg")
            .orElseThrow()
            .previousCourseMean()
            .isPresent());
  }
}
