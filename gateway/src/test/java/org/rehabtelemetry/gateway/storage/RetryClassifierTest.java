package org.rehabtelemetry.gateway.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryClassifierTest {
  @Test
  void badRequest_isADeadLetterWithTheServersMessage() {
    WriteFailure failure =
        RetryClassifier.ofStatus(
            400, "{\"error\":\"partial write: field type conflict\"}\n", Optional.empty());
    assertFalse(failure.retry());
    assertEquals("HTTP 400: {\"error\":\"partial write: field type conflict\"}", failure.reason());
  }

  @Test
  void serverErrors_areRetried() {
    for (int status : new int[] {500, 502, 503, 504}) {
      assertTrue(RetryClassifier.ofStatus(status, "", Optional.empty()).retry(), "HTTP " + status);
    }
  }

  @Test
  void tooManyRequests_isRetriedAfterTheServersDelay() {
    WriteFailure failure = RetryClassifier.ofStatus(429, "slow down", Optional.of("7"));
    assertTrue(failure.retry());
    assertEquals(Duration.ofSeconds(7), failure.retryAfter());
    assertEquals(
        Duration.ZERO,
        RetryClassifier.ofStatus(429, "", Optional.of("Wed, 21 Oct 2026 07:28:00 GMT"))
            .retryAfter());
  }

  @Test
  void configurationProblems_areRetriedNotDeadLettered() {
    for (int status : new int[] {401, 403, 404, 408, 413}) {
      assertTrue(RetryClassifier.ofStatus(status, "", Optional.empty()).retry(), "HTTP " + status);
    }
  }

  @Test
  void otherClientErrors_areDeadLetters() {
    assertFalse(RetryClassifier.ofStatus(422, "unprocessable", Optional.empty()).retry());
  }

  @Test
  void noAnswer_isRetried() {
    WriteFailure timeout =
        RetryClassifier.ofException(new HttpTimeoutException("request timed out"));
    assertTrue(timeout.retry());
    assertEquals("timeout: request timed out", timeout.reason());
    assertTrue(RetryClassifier.ofException(new IOException("Connection refused")).retry());
  }
}
