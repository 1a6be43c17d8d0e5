package org.rehabtelemetry.gateway.alarms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.protocol.ChannelSamples;
import org.rehabtelemetry.protocol.Header;
import org.rehabtelemetry.protocol.SampleBatch;
import org.rehabtelemetry.protocol.SessionEvent;
import org.rehabtelemetry.protocol.SessionEventType;
import org.rehabtelemetry.protocol.SessionRef;
import org.rehabtelemetry.testsupport.MutableClock;

class CommunicationWatchTest {
  private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");

  private final MutableClock clock = new MutableClock(T);
  private final List<AlarmBoard.Entry> changes = new CopyOnWriteArrayList<>();
  private final AlarmBoard board = new AlarmBoard(50, 50, clock, changes::add);
  private final CommunicationWatch watch =
      new CommunicationWatch(board, clock, Duration.ofSeconds(3));

  @Test
  void aRunningSessionSilentForLongerThanTheLimit_raisesOneAlarm_thatClearsWhenTrafficResumes() {
    watch.arrived("ward-b", event(SessionEventType.STARTED, 0));
    clock.advance(Duration.ofMillis(3000));
    watch.check();
    assertEquals(List.of(), changes, "3 s of silence is within the limit");
    clock.advance(Duration.ofMillis(100));
    watch.check();
    watch.check();
    assertEquals(1, changes.size(), "one alarm, raised once");
    AlarmBoard.Entry raised = changes.get(0);
    assertEquals(CommunicationWatch.CODE, raised.code());
    assertEquals("medium", raised.priority(), "a technical alarm");
    assertEquals("raised", raised.deviceState());
    assertEquals("vert-01", raised.device());

    watch.arrived("ward-b", event(SessionEventType.PAUSED, 9)); // late traffic arrives
    assertEquals(2, changes.size());
    assertEquals("cleared", changes.get(1).deviceState(), "cleared when anything arrives");
    assertTrue(changes.get(1).over());
    assertEquals(1, watch.raised());
  }

  @Test
  void pausedStoppedOrUnknownSessions_expectNoTraffic() {
    watch.arrived("ward-b", event(SessionEventType.STARTED, 0));
    watch.arrived("ward-b", event(SessionEventType.PAUSED, 1));
    clock.advance(Duration.ofMinutes(1));
    watch.check();
    watch.arrived("ward-b", event(SessionEventType.RESUMED, 2));
    watch.arrived("ward-b", event(SessionEventType.STOPPED, 3));
    clock.advance(Duration.ofMinutes(1));
    watch.check();
    assertEquals(List.of(), changes, "no alarm while paused or after the stop");
  }

  /**
   * A backlog drained after an outage replays sessions that ended long ago: their batches come as
   * fast as they are stored, with pauses that are no lost link. Only a recent batch of such a
   * session (the device came back mid-session) makes it watched.
   */
  @Test
  void aSessionStartedLongAgo_isWatchedOnlyOnceARecentBatchShowsItStillRuns() {
    Instant hourAgo = clock.instant().minus(Duration.ofHours(1));
    watch.arrived("ward-b", event(SessionEventType.STARTED, 0, hourAgo));
    watch.arrived("ward-b", batch(1, hourAgo.plusSeconds(1)));
    clock.advance(Duration.ofSeconds(10));
    watch.check();
    assertEquals(List.of(), changes, "a backlog's silence is no lost link");

    watch.arrived("ward-b", batch(2, clock.instant())); // the session is still running now
    clock.advance(Duration.ofSeconds(4));
    watch.check();
    assertEquals(1, changes.size(), "now its silence is: " + changes);
  }

  @Test
  void aBacklogSessionThatEnded_isNotWatchedByItsLateBatches() {
    Instant hourAgo = clock.instant().minus(Duration.ofHours(1));
    watch.arrived("ward-b", event(SessionEventType.STARTED, 0, hourAgo));
    watch.arrived("ward-b", event(SessionEventType.STOPPED, 5, hourAgo.plusSeconds(60)));
    watch.arrived("ward-b", batch(4, clock.instant())); // even if its time looked recent
    clock.advance(Duration.ofSeconds(10));
    watch.check();
    assertEquals(List.of(), changes);
  }

  private SampleBatch batch(long seq, Instant time) {
    return new SampleBatch(
        new Header("vert-01", "b1", time),
        new SessionRef("S1", seq),
        time.toEpochMilli() * 1000,
        List.of(new ChannelSamples("tiltDeg", "deg", new long[] {0}, new double[] {10})));
  }

  private SessionEvent event(SessionEventType type, long seq) {
    return event(type, seq, clock.instant());
  }

  private static SessionEvent event(SessionEventType type, long seq, Instant time) {
    return new SessionEvent(
        new Header("vert-01", "b1", time),
        new SessionRef("S1", seq),
        type,
        "therapist",
        type == SessionEventType.STARTED ? "P-1" : null,
        type == SessionEventType.STARTED ? "standing" : null,
        Map.of());
  }
}
