package org.rehabtelemetry.records.archive;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.rehabtelemetry.records.course.CourseMark;
import org.rehabtelemetry.records.model.SessionRecord;

/**
 * The clinical records as the store keeps them. Implementations query the gateway's time-series
 * store and bound every answer (at most {@value #MAX_PATIENTS} patients, the newest {@value
 * #MAX_SESSIONS} sessions and course marks of a patient, {@value #MAX_ALARM_CHANGES} alarm state
 * changes of a session, {@value #MAX_POINTS} chart points of a channel), so no request sizes
 * memory; where an answer leaves something out it says so. A session is named by its device and its
 * id together: two devices may use the same id, and neither may read or mix into the other's. Every
 * method blocks for its queries. Thread-safe.
 */
public interface SessionArchive {
  int MAX_PATIENTS = 5_000;
  int MAX_SESSIONS = 1_000;
  int MAX_POINTS = 1_200;
  int MAX_ALARM_CHANGES = 200;

  /** Session ids, device ids and patient codes as the protocol allows them. */
  Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");

  /**
   * Whether {@code text} may be a patient code, session id or device id: what callers check before
   * asking, and implementations before putting it into a query.
   */
  static boolean isIdentifier(String text) {
    return text != null && IDENTIFIER.matcher(text).matches();
  }

  /** A pseudonymous patient code as the protocol allows it: 3-32 of A-Z, 0-9 and '-'. */
  Pattern PATIENT_CODE = Pattern.compile("[A-Z0-9][A-Z0-9-]{2,31}");

  /** Whether {@code text} is a patient code. */
  static boolean isPatientCode(String text) {
    return text != null && PATIENT_CODE.matcher(text).matches();
  }

  /** Patient codes that have at least one session, sorted. */
  List<String> patients() throws IOException;

  /**
   * A patient's newest sessions with their summaries, the number of alarms each raised and their
   * completeness, but neither the alarms' state changes nor chart series.
   */
  Recent<SessionRecord> sessionsOf(String patientCode) throws IOException;

  /**
   * One session of one device with its alarm state changes (at most {@value #MAX_ALARM_CHANGES},
   * the rest counted) and chart series (at most {@value #MAX_POINTS} points per channel).
   */
  Optional<SessionRecord> session(String deviceId, String sessionId) throws IOException;

  /** A patient's newest course marks. */
  Recent<CourseMark> marks(String patientCode) throws IOException;

  /**
   * Stores a course mark. Returns once the store has acknowledged it as durably written.
   *
   * @throws IOException if the store refused or could not be reached (nothing was stored)
   */
  void mark(CourseMark mark) throws IOException;
}
