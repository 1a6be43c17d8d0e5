package org.rehabtelemetry.agent.monitor;

import java.util.Map;
import java.util.function.Consumer;
import org.rehabtelemetry.agent.alarm.rules.AlarmRules;
import org.rehabtelemetry.agent.control.SessionObserver;
import org.rehabtelemetry.agent.session.TraceRecorder;
import org.rehabtelemetry.agent.status.AgentEvents;
import org.rehabtelemetry.agent.time.Timebase;
import org.rehabtelemetry.hardware.port.MonotonicClock;

/**
 * A session's life cycle, carried to everything that depends on it: the alarm rules (session-only
 * rules run, per-patient limits apply), the trace recorder, the time base (re-anchored between
 * sessions), the broker (a status naming the change) and the touch UI. Called on the commanding
 * thread; quick.
 */
public final class SessionLifecycle implements SessionObserver {
  private final AlarmRules rules;
  private final TraceRecorder traces;
  private final Timebase timebase;
  private final MonotonicClock clock;
  private final Consumer<String> publishStatus;
  private final AgentEvents events;

  /**
   * @param traces the trace recorder, or null when sessions are not recorded as traces
   * @param publishStatus publishes the device's status with a reason
   */
  public SessionLifecycle(
      AlarmRules rules,
      TraceRecorder traces,
      Timebase timebase,
      MonotonicClock clock,
      Consumer<String> publishStatus,
      AgentEvents events) {
    this.rules = rules;
    this.traces = traces;
    this.timebase = timebase;
    this.clock = clock;
    this.publishStatus = publishStatus;
    this.events = events;
  }

  @Override
  public void started(String sessionId, Map<String, Double> settings, Map<String, Double> limits) {
    rules.sessionStarted(settings, limits);
    if (traces != null) {
      traces.started(sessionId, clock.nanos());
    }
    publishStatus.accept("session started");
    events.fire("session");
  }

  @Override
  public void paused() {
    rules.sessionRunning(false);
    pressed();
  }

  @Override
  public void resumed() {
    rules.sessionRunning(true);
    pressed();
  }

  @Override
  public void ended() {
    rules.sessionEnded();
    if (traces != null) {
      traces.ended(clock.nanos());
    }
    timebase.reanchor();
    publishStatus.accept("session ended");
    events.fire("session");
  }

  /** A pause or resume from the button is a short press in the recorded trace. */
  private void pressed() {
    if (traces != null) {
      traces.shortPress(clock.nanos());
    }
    events.fire("session");
  }
}
