package org.rehabtelemetry.agent.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.hardware.fake.FakeClock;

class TimebaseTest {
  private final FakeClock monotonic = new FakeClock(5_000_000_000L);
  private Instant wallNow = Instant.parse("2026-11-23T09:00:00Z");
  private final Clock wall =
      new Clock() {
        @Override
        public java.time.ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return wallNow;
        }
      };

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
    wallNow = wallNow.plusSeconds(10).plusSeconds(3600);
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
    wallNow = wallNow.plusSeconds(61);
    assertEquals(Duration.ZERO, timebase.checkJump());
  }
}
