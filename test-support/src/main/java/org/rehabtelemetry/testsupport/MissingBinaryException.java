package org.rehabtelemetry.testsupport;

/** A program that a test needs is not installed. The message says how to install it. */
public final class MissingBinaryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  MissingBinaryException(String message) {
    super(message);
  }
}
