package org.rehabtelemetry.hardware.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.hardware.fake.FakeClock;

class MonotonicClockContractTest {
  @Test
  void systemClock_neverGoesBack() {
    long previous = MonotonicClock.SYSTEM.nanos();
    for (int i = 0; i < 100_000; i++) {
      long now = MonotonicClock.SYSTEM.nanos();
      assertTrue(now >= previous);
      previous = now;
    }
  }

  @Test
  void fakeClock_movesOnlyWhenAdvanced() {
    FakeClock clock = new FakeClock(5);
    assertEquals(5, clock.nanos());
    assertEquals(5, clock.nanos());
    assertEquals(1_000_005, clock.advance(Duration.ofMillis(1)));
  }
}
