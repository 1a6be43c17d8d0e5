package org.rehabtelemetry.agent.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.hardware.fake.FakeClock;
import org.rehabtelemetry.testsupport.MutableClock;

class TimebaseTest {
  private final FakeClock monotonic = new FakeClock(5_000_000_000L);
  private final MutableClock wall = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));

  @Test
  void monotonicTimes_mapToWallTimeThroughTheAnchor() {
    Timebase timebase = new Timebase(wall, monotonic, Duration.ofSeconds(2));
    assertEquals(Instant.parse("2026-11-23T09:00:01.5Z"), timebase.instant(6_500_000_000L));
    assertEquals(1_795_424_401_500_000L, timebase.epochMicros(6_500_000_000L));
  }

  @Test
  void wallClockSetByNtp_isReportedAsAJump_andMappingStaysSteadyUntilReanchored() {
    Timebase timebase = new Timebase(wall, monotonic, Duration.ofSeconds(2));
    monotonic.advance(Duration.ofSeconds(10));
    wall.advance(Duration.ofSeconds(10 + 3600));
    assertEquals(Duration.ofSeconds(3600), timebase.checkJump());
    assertEquals(Instant.parse("2026-11-23T09:00:10Z"), timebase.now(), "a session keeps its line");
    timebase.reanchor();
    assertEquals(Duration.ZERO, timebase.checkJump());
    assertEquals(Instant.parse("2026-11-23T10:00:10Z"), timebase.now());
  }

  @Test
  void smallDrift_withinTolerance_isNoJump() {
    Timebase timebase = new Timebase(wall, monotonic, Duration.ofSeconds(2));
    monotonic.advance(Duration.ofSeconds(60));
    wall.advance(Duration.ofSeconds(61));
    assertEquals(Duration.ZERO, timebase.checkJump());
  }
}
