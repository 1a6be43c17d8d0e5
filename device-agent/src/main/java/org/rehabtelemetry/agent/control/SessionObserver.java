package org.rehabtelemetry.agent.control;

import java.util.Map;

/**
 * Hears a session's life cycle from {@link AgentCommands}: the alarm rules, the trace recorder, the
 * status publisher, the touch UI. Called on the commanding thread after the journal recorded the
 * change; must be quick.
 */
public interface SessionObserver {
  /**
   * A session started.
   *
   * @param settings its programme settings, complete
   * @param limits per-patient alarm limits by code, for this session only
   */
  default void started(
      String sessionId, Map<String, Double> settings, Map<String, Double> limits) {}

  default void paused() {}

  default void resumed() {}

  /** The session ended (stopped or interrupted); its summary is journaled. */
  default void ended() {}
}
