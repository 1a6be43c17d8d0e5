package org.rehabtelemetry.agent.ui;

/** A request the control API cannot read: answered 400 with the message. */
final class BadRequest extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BadRequest(String message) {
    super(message);
  }
}
