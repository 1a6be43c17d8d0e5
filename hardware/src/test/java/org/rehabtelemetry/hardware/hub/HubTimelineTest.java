package org.rehabtelemetry.hardware.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HubTimelineTest {
  private final HubTimeline timeline = new HubTimeline();

  @Test
  void firstFrame_anchorsToArrival_laterFramesFollowHubClock() {
    assertEquals(1_000_000_000L, timeline.map(5_000, 1_000_000_000L));
    assertEquals(1_010_000_000L, timeline.map(15_000, 1_012_000_000L), "arrival jitter ignored");
  }

  @Test
  void hubClockWrap_continuesSmoothly() {
    long start = 0xFFFF_FFFFL - 4_999;
    timeline.map(start, 1_000_000_000L);
    assertEquals(1_010_000_000L, timeline.map(5_000, 1_010_000_000L));
  }

  @Test
  void hubClockAhead_reanchorsToArrival() {
    timeline.map(0, 1_000_000_000L);
    assertEquals(1_100_000_000L, timeline.map(500_000, 1_100_000_000L), "not 500 ms in the future");
  }

  @Test
  void hubRestart_backwardsClock_reanchors() {
    timeline.map(9_000_000, 1_000_000_000L);
    assertEquals(1_020_000_000L, timeline.map(100, 1_020_000_000L));
  }

  @Test
  void results_strictlyIncrease_evenForEqualHubTimes() {
    long first = timeline.map(1000, 1_000_000_000L);
    long second = timeline.map(1000, 1_000_000_000L);
    assertTrue(second > first);
  }
}
