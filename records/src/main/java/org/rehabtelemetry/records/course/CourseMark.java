package org.rehabtelemetry.records.course;

import java.time.Instant;
import java.util.Objects;

/**
 * A therapist opening or closing a child's course, as stored.
 *
 * @param patientCode the pseudonymous patient code
 * @param time when it was marked
 * @param action open or close
 * @param prescribedSessions sessions prescribed for the course (open only; 0 when not given)
 * @param operator who marked it (the dashboard account)
 */
public record CourseMark(
    String patientCode, Instant time, Action action, int prescribedSessions, String operator) {

  /** What the mark does. */
  public enum Action {
    OPEN("open"),
    CLOSE("close");

    private final String wireName;

    Action(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    /** The action stored as {@code name}. */
    public static Action of(String name) {
      for (Action action : values()) {
        if (action.wireName.equals(name)) {
          return action;
        }
      }
      throw new IllegalArgumentException("no course action \"" + name + "\" (open, close)");
    }
  }

  public CourseMark {
    Objects.requireNonNull(patientCode, "patientCode");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(action, "action");
    if (prescribedSessions < 0 || prescribedSessions > Course.MAX_PRESCRIBED) {
      throw new IllegalArgumentException(
          "prescribed sessions must be 0.."
              + Course.MAX_PRESCRIBED
              + ", not "
              + prescribedSessions);
    }
    operator = operator == null ? "" : operator;
  }
}
