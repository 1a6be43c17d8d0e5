package org.rehabtelemetry.gateway.alarms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.protocol.AlarmEvent;
import org.rehabtelemetry.protocol.AlarmPriority;
import org.rehabtelemetry.protocol.AlarmState;
import org.rehabtelemetry.protocol.Header;

class AlarmBoardTest {
  private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
  private final List<AlarmBoard.Entry> changes = new ArrayList<>();
  private final AlarmBoard board =
      new AlarmBoard(2, 100, Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC), changes::add);

  @Test
  void lifeCycle_isFollowed_andTheOperatorAckIsKeptAcrossDeviceChanges() {
    board.received(alarm("a1", AlarmState.RAISED, false, 0));
    assertEquals(1, board.active());
    assertTrue(board.acknowledge("vert-01", "a1", "op1").isPresent());
    board.received(alarm("a1", AlarmState.ACKNOWLEDGED, false, 5));
    AlarmBoard.Entry entry = board.all().get(0);
    assertEquals("acknowledged", entry.deviceState());
    assertEquals("op1", entry.operatorAckBy());
    assertEquals(T0.plusSeconds(60), entry.operatorAckAt());
    assertEquals(T0, entry.raisedAt());
    board.received(alarm("a1", AlarmState.CLEARED, false, 9));
    assertEquals(0, board.active());
    assertEquals(4, changes.size(), "raised, operator ack, device ack, cleared");
  }

  @Test
  void lateOrRepeatedMessages_changeNothing() {
    board.received(alarm("a1", AlarmState.RAISED, false, 0));
    board.received(alarm("a1", AlarmState.CLEARED, false, 9));
    board.received(alarm("a1", AlarmState.RAISED, false, 0)); // redelivered
    board.received(alarm("a1", AlarmState.CLEARED, false, 9)); // again
    assertEquals("cleared", board.all().get(0).deviceState());
    assertEquals(2, changes.size());
  }

  @Test
  void aMessageStampedIn2199_doesNotFreezeLaterUpdates() {
    board.received(alarm("a1", AlarmState.RAISED, false, 0));
    board.received(
        alarmAt("a1", AlarmState.ACKNOWLEDGED, false, Instant.parse("2199-01-01T00:00:00Z")));
    board.received(alarm("a1", AlarmState.CLEARED, false, 9));
    AlarmBoard.Entry entry = board.all().get(0);
    assertEquals("cleared", entry.deviceState(), "the clear still counts");
    assertTrue(entry.updatedAt().isBefore(Instant.parse("2100-01-01T00:00:00Z")));
  }

  @Test
  void aLatchedAlarmClearedThenAcknowledgedOnTheDevice_endsCleared_inAnyOrder() {
    board.received(alarm("e1", AlarmState.RAISED, true, 0));
    board.received(alarm("e1", AlarmState.CLEARED, true, 5));
    AlarmBoard.Entry waiting = board.all().get(0);
    assertFalse(waiting.over(), "latched: waits for its reset on the device");
    assertTrue(waiting.conditionEnded());
    board.received(alarm("e1", AlarmState.ACKNOWLEDGED, true, 9));
    assertEquals("cleared", board.all().get(0).deviceState());
    assertEquals(0, board.active());

    board.received(alarm("e2", AlarmState.ACKNOWLEDGED, true, 9)); // out of order
    board.received(alarm("e2", AlarmState.CLEARED, true, 5));
    board.received(alarm("e2", AlarmState.RAISED, true, 0));
    assertEquals(0, board.active(), "the same facts in another order, the same end");
  }

  @Test
  void list_putsActiveFirst_byPriority_andKeepsOnlyRecentOver() {
    board.received(alarm("low", AlarmState.RAISED, false, 1, AlarmPriority.LOW));
    board.received(alarm("high", AlarmState.RAISED, false, 2, AlarmPriority.HIGH));
    for (int i = 0; i < 4; i++) {
      board.received(alarm("old" + i, AlarmState.CLEARED, false, 3 + i, AlarmPriority.HIGH));
    }
    List<String> ids = board.all().stream().map(AlarmBoard.Entry::alarmId).toList();
    assertEquals(4, ids.size());
    assertEquals(List.of("high", "low"), ids.subList(0, 2));
  }

  @Test
  void unknownAlarm_cannotBeAcknowledged() {
    assertTrue(board.acknowledge("vert-01", "nope", "op1").isEmpty());
    assertTrue(changes.isEmpty());
  }

  private static AlarmEvent alarm(String id, AlarmState state, boolean latched, int seconds) {
    return alarm(id, state, latched, seconds, AlarmPriority.HIGH);
  }

  private static AlarmEvent alarm(
      String id, AlarmState state, boolean latched, int seconds, AlarmPriority priority) {
    return alarmAt(id, state, latched, T0.plusSeconds(seconds), priority);
  }

  private static AlarmEvent alarmAt(String id, AlarmState state, boolean latched, Instant time) {
    return alarmAt(id, state, latched, time, AlarmPriority.HIGH);
  }

  private static AlarmEvent alarmAt(
      String id, AlarmState state, boolean latched, Instant time, AlarmPriority priority) {
    return new AlarmEvent(
        new Header("vert-01", "b1", time),
        null,
        id,
        state,
        "HR_HIGH",
        priority,
        latched,
        "hrBpm",
        182.0,
        180.0,
        "heart rate high");
  }
}
