package org.rehabtelemetry.agent.session;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rehabtelemetry.protocol.SessionEventType;

/**
 * The session state machine, as pure logic: each command either returns the event to record or
 * throws {@link SessionRefusedException} with a message for the therapist. Not thread-safe; the
 * agent serialises commands.
 */
public final class SessionStateMachine {
  private SessionState state = SessionState.IDLE;

  public SessionState state() {
    return state;
  }

  /**
   * Starts a session.
   *
   * @param estopLatched whether the emergency stop is latched
   * @param faultedSensors the required sensors that are faulted now, by name
   */
  public SessionEventType start(boolean estopLatched, List<String> faultedSensors) {
    if (state.isActive()) {
      throw new SessionRefusedException(
          "already-active",
          Map.of("state", state.name().toLowerCase(Locale.ROOT)),
          "A session is already " + state.name().toLowerCase(Locale.ROOT) + ".");
    }
    if (estopLatched) {
      throw new SessionRefusedException(
          "estop-start",
          Map.of(),
          "The emergency stop is latched: reset it on the device before starting.");
    }
    if (!faultedSensors.isEmpty()) {
      throw new SessionRefusedException(
          "sensor-fault",
          Map.of("sensors", String.join(", ", faultedSensors)),
          "Cannot start: sensor fault on " + String.join(", ", faultedSensors) + ".");
    }
    state = SessionState.RUNNING;
    return SessionEventType.STARTED;
  }

  public SessionEventType pause() {
    require(SessionState.RUNNING, "pause");
    state = SessionState.PAUSED;
    return SessionEventType.PAUSED;
  }

  public SessionEventType resume(boolean estopLatched) {
    require(SessionState.PAUSED, "resume");
    if (estopLatched) {
      throw new SessionRefusedException(
          "estop-resume",
          Map.of(),
          "The emergency stop is latched: reset it on the device before resuming.");
    }
    state = SessionState.RUNNING;
    return SessionEventType.RESUMED;
  }

  public SessionEventType stop() {
    if (!state.isActive()) {
      throw new SessionRefusedException("no-session", Map.of(), "There is no session to stop.");
    }
    state = SessionState.COMPLETED;
    return SessionEventType.STOPPED;
  }

  /** Ends the session abnormally (e-stop, sensor failure, crash found at restart). */
  public SessionEventType interrupt() {
    if (!state.isActive()) {
      throw new SessionRefusedException("There is no session to interrupt.");
    }
    state = SessionState.INTERRUPTED;
    return SessionEventType.INTERRUPTED;
  }

  /** After the summary: the device is free for the next session. */
  public void finish() {
    if (state == SessionState.COMPLETED || state == SessionState.INTERRUPTED) {
      state = SessionState.IDLE;
    }
  }

  private void require(SessionState expected, String action) {
    if (state != expected) {
      throw new SessionRefusedException(
          "Cannot " + action + ": the session is " + state.name().toLowerCase(Locale.ROOT) + ".");
    }
  }
}
