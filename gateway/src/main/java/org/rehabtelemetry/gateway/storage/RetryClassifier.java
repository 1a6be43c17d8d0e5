package org.rehabtelemetry.gateway.storage;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * Decides whether a failed write is retried or its data becomes a dead letter. The one place that
 * makes this decision; pure and thread-safe.
 *
 * <ul>
 *   <li>no answer (timeout, refused connection, reset): retry;
 *   <li>429 Too Many Requests: retry after the server's Retry-After (seconds), else the backoff;
 *   <li>5xx: retry (the database is down, overloaded or restarting);
 *   <li>400 and other 4xx except 401/403/404/408/413/429: the data is refused; dead letter with the
 *       server's message;
 *   <li>401/403 (credentials), 404 (no such database or endpoint), 408: retry: they are
 *       configuration or transient problems, and dead-lettering good data for them would lose it
 *       for nothing;
 *   <li>413 (batch too large): retry (the writer splits the batch).
 * </ul>
 */
public final class RetryClassifier {
  private RetryClassifier() {}

  /** Classifies an HTTP answer that was not a success. */
  public static WriteFailure ofStatus(int status, String body, Optional<String> retryAfter) {
    String reason = "HTTP " + status + (body == null || body.isBlank() ? "" : ": " + body.strip());
    if (status == 429) {
      return new WriteFailure(true, parseRetryAfter(retryAfter), reason);
    }
    if (status >= 500
        || status == 401
        || status == 403
        || status == 404
        || status == 408
        || status == 413) {
      return new WriteFailure(true, Duration.ZERO, reason);
    }
    if (status >= 400) {
      return new WriteFailure(false, Duration.ZERO, reason);
    }
    return new WriteFailure(true, Duration.ZERO, "unexpected " + reason);
  }

  /** Classifies a failure without an answer. */
  public static WriteFailure ofException(Exception e) {
    String kind =
        e instanceof HttpTimeoutException
            ? "timeout"
            : e instanceof IOException ? "no answer" : "error";
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new WriteFailure(true, Duration.ZERO, kind + ": " + detail);
  }

  private static Duration parseRetryAfter(Optional<String> header) {
    if (header.isEmpty()) {
      return Duration.ZERO;
    }
    try {
      long seconds = Long.parseLong(header.get().trim());
      return Duration.ofSeconds(Math.max(0, Math.min(seconds, 3600)));
    } catch (NumberFormatException e) {
      return Duration.ZERO; // an HTTP date: fall back to our own backoff
    }
  }
}
