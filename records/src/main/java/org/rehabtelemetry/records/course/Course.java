package org.rehabtelemetry.records.course;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.rehabtelemetry.records.model.SessionRecord;

/**
 * One course of treatment of one child. Immutable.
 *
 * @param patientCode the pseudonymous patient code
 * @param number 1 for the child's first course, then 2, …
 * @param openedAt the therapist's open mark, or the first session's start
 * @param closedAt the therapist's close mark (or the next course's open), or null while open
 * @param openedByTherapist true when a therapist opened it; false when a gap of days did
 * @param prescribedSessions sessions prescribed (0 when nobody said)
 * @param sessions its sessions, oldest first
 */
public record Course(
    String patientCode,
    int number,
    Instant openedAt,
    Instant closedAt,
    boolean openedByTherapist,
    int prescribedSessions,
    List<SessionRecord> sessions) {
  /** More sessions than any course has: a typo guard on the prescribed count. */
  public static final int MAX_PRESCRIBED = 100;

  public Course {
    Objects.requireNonNull(patientCode, "patientCode");
    Objects.requireNonNull(openedAt, "openedAt");
    sessions = List.copyOf(sessions);
  }

  /** A stable id within the patient: {@code P-0042/2}. */
  public String id() {
    return patientCode + "/" + number;
  }

  /** The last session's start, or the opening without sessions. */
  public Instant lastActivity() {
    return sessions.isEmpty() ? openedAt : sessions.get(sessions.size() - 1).startedAt();
  }
}
