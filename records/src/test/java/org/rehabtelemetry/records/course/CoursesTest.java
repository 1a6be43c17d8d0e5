package org.rehabtelemetry.records.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.records.SampleCourse;
import org.rehabtelemetry.records.model.SessionRecord;

class CoursesTest {
  private static final Instant JAN = Instant.parse("2026-01-12T00:00:00Z");
  private static final Instant MAY = Instant.parse("2026-05-11T00:00:00Z");
  private final Courses courses = new Courses(Duration.ofDays(21), 12);

  @Test
  void aGapOfWeeksStartsANewCourseWithTheDefaultPrescription() {
    List<SessionRecord> sessions = new ArrayList<>(SampleCourse.verticalizer(JAN, 12, false));
    sessions.addAll(SampleCourse.verticalizer(MAY, 10, false));
    java.util.Collections.shuffle(sessions, new java.util.Random(7));

    List<Course> grouped = courses.group(SampleCourse.PATIENT, sessions, List.of());

    assertEquals(2, grouped.size());
    assertEquals(12, grouped.get(0).sessions().size());
    assertEquals(10, grouped.get(1).sessions().size());
    assertEquals(1, grouped.get(0).number());
    assertEquals(2, grouped.get(1).number());
    assertEquals(12, grouped.get(1).prescribedSessions());
    assertFalse(grouped.get(0).openedByTherapist());
    assertEquals("P-0042/2", grouped.get(1).id());
    // oldest first inside a course, whatever order the store answered in
    List<SessionRecord> first = grouped.get(0).sessions();
    for (int i = 1; i < first.size(); i++) {
      assertTrue(first.get(i - 1).startedAt().isBefore(first.get(i).startedAt()));
    }
  }

  @Test
  void aTherapistsMarksOpenAndCloseCoursesWhateverTheGap() {
    List<SessionRecord> sessions = SampleCourse.verticalizer(JAN, 12, false);
    Instant reopen = sessions.get(6).startedAt().minusSeconds(60);
    List<CourseMark> marks =
        List.of(
            new CourseMark(SampleCourse.PATIENT, JAN, CourseMark.Action.OPEN, 6, "therapist1"),
            new CourseMark(SampleCourse.PATIENT, reopen, CourseMark.Action.OPEN, 15, "therapist1"));

    List<Course> grouped = courses.group(SampleCourse.PATIENT, sessions, marks);

    assertEquals(2, grouped.size());
    assertEquals(6, grouped.get(0).sessions().size());
    assertEquals(reopen, grouped.get(0).closedAt(), "opening the next course closes this one");
    assertTrue(grouped.get(1).openedByTherapist());
    assertEquals(15, grouped.get(1).prescribedSessions());
    assertNull(grouped.get(1).closedAt());
  }

  @Test
  void aSessionAfterAClosedCourseStartsANewOne() {
    List<SessionRecord> sessions = SampleCourse.verticalizer(JAN, 4, false);
    Instant close = sessions.get(1).startedAt().plusSeconds(3600);
    List<CourseMark> marks =
        List.of(new CourseMark(SampleCourse.PATIENT, close, CourseMark.Action.CLOSE, 0, "t"));

    List<Course> grouped = courses.group(SampleCourse.PATIENT, sessions, marks);

    assertEquals(List.of(2, 2), grouped.stream().map(c -> c.sessions().size()).toList());
    assertEquals(close, grouped.get(0).closedAt());
  }

  @Test
  void aCourseOpenedAndForgottenStillEndsAfterTheGap() {
    List<SessionRecord> sessions = new ArrayList<>(SampleCourse.verticalizer(JAN, 3, false));
    sessions.addAll(SampleCourse.verticalizer(MAY, 3, false));
    List<CourseMark> marks =
        List.of(new CourseMark(SampleCourse.PATIENT, JAN, CourseMark.Action.OPEN, 12, "t"));

    List<Course> grouped = courses.group(SampleCourse.PATIENT, sessions, marks);

    assertEquals(2, grouped.size());
    assertTrue(grouped.get(0).openedByTherapist());
    assertFalse(grouped.get(1).openedByTherapist());
  }

  @Test
  void nonsenseIsRefusedInWords() {
    IllegalArgumentException gap =
        assertThrows(IllegalArgumentException.class, () -> new Courses(Duration.ZERO, 12));
    assertTrue(gap.getMessage().contains("gap"), gap.getMessage());
    IllegalArgumentException prescribed =
        assertThrows(
            IllegalArgumentException.class,
            () -> new CourseMark("P-1", JAN, CourseMark.Action.OPEN, 5000, "t"));
    assertTrue(prescribed.getMessage().contains("prescribed"), prescribed.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CourseMark.Action.of("reopen"));
  }
}
