package org.rehabtelemetry.runtime.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LivenessTest {
  private Instant now = Instant.parse("2026-11-30T08:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };

  @Test
  void aWorkerSilentLongerThanItsLimit_makesTheProcessUnhealthy_untilItBeatsAgain() {
    Liveness liveness = new Liveness(clock);
    Liveness.Worker writer = liveness.register("ingest-writer", Duration.ofSeconds(30));
    liveness.register("http", Duration.ofMinutes(5));
    assertTrue(liveness.healthy());
    now = now.plusSeconds(31);
    assertFalse(liveness.healthy());
    assertEquals("ingest-writer", liveness.snapshot().get(1).name());
    assertFalse(liveness.snapshot().get(1).healthy());
    writer.beat();
    assertTrue(liveness.healthy());
  }
}
