package org.rehabtelemetry.agent.monitor;

import org.rehabtelemetry.agent.control.AgentCommands;
import org.rehabtelemetry.agent.session.SessionRecorder;
import org.rehabtelemetry.runtime.health.Heartbeat;

/**
 * The agent's periodic work, once per batch interval on the {@code agent-tick} thread: beat its
 * heartbeat, raise journal alarms noted on other threads, end a session at the seq limit, journal
 * the waiting samples, interrupt a session whose required sensor stayed faulted, and watch the
 * clock and the link to the operator. Not thread-safe: one scheduler runs it.
 */
public final class AgentTicker implements Runnable {
  private final Heartbeat heartbeat;
  private final JournalAlarms journalAlarms;
  private final SessionRecorder recorder;
  private final AgentCommands commands;
  private final SensorWatch sensors;
  private final ClockWatch clocks;
  private final LinkWatch link;

  public AgentTicker(
      Heartbeat heartbeat,
      JournalAlarms journalAlarms,
      SessionRecorder recorder,
      AgentCommands commands,
      SensorWatch sensors,
      ClockWatch clocks,
      LinkWatch link) {
    this.heartbeat = heartbeat;
    this.journalAlarms = journalAlarms;
    this.recorder = recorder;
    this.commands = commands;
    this.sensors = sensors;
    this.clocks = clocks;
    this.link = link;
  }

  @Override
  public void run() {
    heartbeat.beat();
    journalAlarms.raisePending();
    if (recorder.nearSeqLimit()) {
      commands.interrupt(SessionRecorder.SEQ_LIMIT_REASON);
    }
    recorder.flush();
    sensors.check(recorder.state().isActive(), commands::interrupt);
    clocks.check(recorder.state().isActive());
    link.check(recorder.state().isActive());
  }
}
