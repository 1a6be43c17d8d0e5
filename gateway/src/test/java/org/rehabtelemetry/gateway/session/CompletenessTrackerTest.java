package org.rehabtelemetry.gateway.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.protocol.Header;
import org.rehabtelemetry.protocol.Metric;
import org.rehabtelemetry.protocol.SessionEvent;
import org.rehabtelemetry.protocol.SessionEventType;
import org.rehabtelemetry.protocol.SessionRef;
import org.rehabtelemetry.protocol.SessionSummary;

class CompletenessTrackerTest {
  private static final Header HEADER =
      new Header("vert-01", "b1", Instant.parse("2026-11-23T09:00:00Z"));
  private final CompletenessTracker tracker = new CompletenessTracker(100);

  @Test
  void runningSession_showsReceivedAndGapsUpToTheHighestSeen() {
    for (long seq : new long[] {0, 1, 2, 5, 6, 9}) {
      tracker.record(event("S1", seq));
    }
    Completeness c = tracker.get("S1").orElseThrow();
    assertEquals(6, c.received());
    assertEquals(-1, c.expected());
    assertEquals("3-4, 7-8", c.gapsText());
    assertEquals(4, c.missing());
    assertFalse(c.complete());
  }

  @Test
  void summary_fixesTheExpectedCount_andLateMessagesCloseTheGaps() {
    tracker.record(event("S1", 0));
    tracker.record(event("S1", 2));
    Completeness withSummary = tracker.record(summary("S1", 3)).orElseThrow();
    assertEquals(4, withSummary.expected());
    assertEquals("1", withSummary.gapsText());
    Completeness late = tracker.record(event("S1", 1)).orElseThrow();
    assertTrue(late.complete());
    assertEquals(List.of(), late.gaps());
  }

  @Test
  void redelivery_countsOnce() {
    tracker.record(event("S1", 0));
    tracker.record(event("S1", 0));
    assertEquals(1, tracker.get("S1").orElseThrow().received());
  }

  @Test
  void oldestSessions_areForgottenBeyondTheBound() {
    CompletenessTracker small = new CompletenessTracker(2);
    small.record(event("A", 0));
    small.record(event("B", 0));
    small.record(event("C", 0));
    assertTrue(small.get("A").isEmpty());
    assertEquals(2, small.all().size());
  }

  private static SessionEvent event(String session, long seq) {
    return new SessionEvent(
        HEADER, new SessionRef(session, seq), SessionEventType.PAUSED, "x", null, null, Map.of());
  }

  private static SessionSummary summary(String session, long seq) {
    return new SessionSummary(
        HEADER,
        new SessionRef(session, seq),
        SessionEventType.STOPPED,
        HEADER.time(),
        HEADER.time().plusSeconds(60),
        Map.of("durationMin", new Metric(1, "min")));
  }
}
