package org.rehabtelemetry.gateway.ingest;

/** Ingest cannot start or go on: the broker refused or cannot be reached. */
public final class IngestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public IngestException(String message, Throwable cause) {
    super(message, cause);
  }
}
