package org.rehabtelemetry.agent.session;

/**
 * A session command that cannot be carried out now. The message is for the therapist, e.g. "The
 * emergency stop is latched: reset it on the device before starting."
 */
public final class SessionRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SessionRefusedException(String message) {
    super(message);
  }
}
