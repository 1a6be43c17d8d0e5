package org.rehabtelemetry.agent.alarm;

/** Where rules raise and clear conditions: the agent's alarm manager. */
public interface AlarmSink {
  /** Raises the condition unless it is already active; returns whether it was new. */
  boolean raise(AlarmSpec spec, long nanos);

  /** The condition with this key ended. */
  void clear(String key);
}
