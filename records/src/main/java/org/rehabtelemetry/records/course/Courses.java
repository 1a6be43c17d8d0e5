package org.rehabtelemetry.records.course;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.rehabtelemetry.records.model.SessionRecord;

/**
 * Groups one child's sessions into courses. A therapist's open mark starts a course (closing the
 * one before); a close mark ends it. A session with no open course, or more than {@code gap} after
 * the course's last session (or its opening), starts a new course by itself, with the default
 * prescription. Pure and thread-safe.
 */
public final class Courses {
  private final Duration gap;
  private final int defaultPrescribed;

  /**
   * @param gap the longest pause between two sessions of one course
   * @param defaultPrescribed sessions prescribed for a course nobody opened (0 for unknown)
   */
  public Courses(Duration gap, int defaultPrescribed) {
    if (gap.isNegative() || gap.isZero()) {
      throw new IllegalArgumentException("the course gap must be positive, not " + gap);
    }
    this.gap = gap;
    this.defaultPrescribed = defaultPrescribed;
  }

  /**
   * The courses of one child, oldest first.
   *
   * @param sessions the child's sessions, any order
   * @param marks the child's course marks, any order
   */
  public List<Course> group(
      String patientCode, List<SessionRecord> sessions, List<CourseMark> marks) {
    List<Object> timeline = new ArrayList<>();
    timeline.addAll(sessions);
    timeline.addAll(marks);
    // A mark at the same instant as a session goes first: "open, then the first session".
    timeline.sort(
        Comparator.comparing(Courses::time)
            .thenComparing(event -> event instanceof CourseMark ? 0 : 1));
    List<Course> courses = new ArrayList<>();
    Builder current = null;
    for (Object event : timeline) {
      if (event instanceof CourseMark mark) {
        if (current != null) {
          courses.add(current.build(mark.time()));
          current = null;
        }
        if (mark.action() == CourseMark.Action.OPEN) {
          current =
              new Builder(
                  patientCode, courses.size() + 1, mark.time(), true, mark.prescribedSessions());
        }
      } else {
        SessionRecord session = (SessionRecord) event;
        if (current != null && current.tooLongSince(session.startedAt(), gap)) {
          courses.add(current.build(null));
          current = null;
        }
        if (current == null) {
          current =
              new Builder(
                  patientCode, courses.size() + 1, session.startedAt(), false, defaultPrescribed);
        }
        current.sessions.add(session);
      }
    }
    if (current != null) {
      courses.add(current.build(null));
    }
    return courses;
  }

  private static Instant time(Object event) {
    return event instanceof CourseMark mark ? mark.time() : ((SessionRecord) event).startedAt();
  }

  private static final class Builder {
    private final String patientCode;
    private final int number;
    private final Instant openedAt;
    private final boolean byTherapist;
    private final int prescribed;
    private final List<SessionRecord> sessions = new ArrayList<>();

    Builder(String patientCode, int number, Instant openedAt, boolean byTherapist, int prescribed) {
      this.patientCode = patientCode;
      this.number = number;
      this.openedAt = openedAt;
      this.byTherapist = byTherapist;
      this.prescribed = prescribed;
    }

    /** Any course ends after the gap, also one a therapist opened and forgot to close. */
    boolean tooLongSince(Instant start, Duration gap) {
      Instant last = sessions.isEmpty() ? openedAt : sessions.get(sessions.size() - 1).startedAt();
      return Duration.between(last, start).compareTo(gap) > 0;
    }

    Course build(Instant closedAt) {
      return new Course(patientCode, number, openedAt, closedAt, byTherapist, prescribed, sessions);
    }
  }
}
