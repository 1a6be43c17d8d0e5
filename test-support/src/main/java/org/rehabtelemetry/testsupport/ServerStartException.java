package org.rehabtelemetry.testsupport;

/** A server did not become ready; the message carries the end of its log. */
public final class ServerStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ServerStartException(String message) {
    super(message);
  }
}
