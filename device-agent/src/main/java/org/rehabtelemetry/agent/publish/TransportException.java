package org.rehabtelemetry.agent.publish;

/** Connecting or publishing failed; the message says why. The publisher retries. */
public final class TransportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TransportException(String message, Throwable cause) {
    super(message, cause);
  }
}
