package org.rehabtelemetry.agent;

/**
 * The agent cannot start: its state directory is in use by another instance, or the board lacks a
 * device the profile wires. The message says what, where, and what to do instead; the runnable
 * prints it and exits with status 1 without having changed anything.
 */
public final class AgentStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AgentStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
