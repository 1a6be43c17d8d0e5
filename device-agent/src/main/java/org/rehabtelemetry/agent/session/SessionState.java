package org.rehabtelemetry.agent.session;

/**
 * idle → running ⇄ paused → completed | interrupted; a finished session returns the device to idle.
 */
public enum SessionState {
  IDLE,
  RUNNING,
  PAUSED,
  COMPLETED,
  INTERRUPTED;

  /** Whether a session is under way (running or paused). */
  public boolean isActive() {
    return this == RUNNING || this == PAUSED;
  }
}
