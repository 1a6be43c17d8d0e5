package org.rehabtelemetry.runtime.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void next_doublesUntilTheCap_withoutJitterAtMidpoint() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), () -> 0.5);
    assertEquals(100, backoff.next().toMillis());
    assertEquals(200, backoff.next().toMillis());
    assertEquals(400, backoff.next().toMillis());
    assertEquals(800, backoff.next().toMillis());
    assertEquals(1000, backoff.next().toMillis());
    assertEquals(1000, backoff.next().toMillis());
  }

  @Test
  void jitter_spreadsBy25PercentEitherWay() {
    assertEquals(75, new Backoff(ms(100), ms(100), () -> 0.0).next().toMillis());
    assertEquals(124, new Backoff(ms(100), ms(100), () -> 0.999).next().toMillis());
  }

  @Test
  void reset_startsAgain() {
    Backoff backoff = new Backoff(ms(100), ms(1000), () -> 0.5);
    backoff.next();
    backoff.next();
    backoff.reset();
    assertEquals(100, backoff.next().toMillis());
  }

  @Test
  void manyAttempts_neverOverflow() {
    Backoff backoff = new Backoff(ms(100), ms(5000), () -> 0.5);
    for (int i = 0; i < 200; i++) {
      backoff.next();
    }
    assertEquals(5000, backoff.next().toMillis());
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }
}
