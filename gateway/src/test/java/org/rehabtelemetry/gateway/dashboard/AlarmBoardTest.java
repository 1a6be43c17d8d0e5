package org.rehabtelemetry.gateway.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
      new AlarmBoard(2, Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC), changes::add);

  @Test
  void lifeCycle_isFollowed_andTheOperatorAckIsKeptAcrossDeviceChanges() {
    board.received(alarm("a1", AlarmState.RAISED, AlarmPriority.HIGH, 0));
    assertEquals(1, board.active());
    assertTrue(board.acknowledge("vert-01", "a1", "op1").isPresent());
    board.received(alarm("a1", AlarmState.ACKNOWLEDGED, AlarmPriority.HIGH, 5));
    AlarmBoard.Entry entry = board.all().get(0);
    assertEquals("acknowledged", entry.deviceState());
    assertEquals("op1", entry.operatorAckBy());
    assertEquals(T0.plusSeconds(60), entry.operatorAckAt());
    assertEquals(T0, entry.raisedAt());
    board.received(alarm("a1", AlarmState.CLEARED, AlarmPriority.HIGH, 9));
    assertEquals(0, board.active());
    assertEquals(4, changes.size(), "raised, operator ack, device ack, cleared");
  }

  @Test
  void lateOrRepeatedMessages_changeNothing() {
    board.received(alarm("a1", AlarmState.RAISED, AlarmPriority.HIGH, 0));
    board.received(alarm("a1", AlarmState.CLEARED, AlarmPriority.HIGH, 9));
    board.received(alarm("a1", AlarmState.RAISED, AlarmPriority.HIGH, 0)); // redelivered
    board.received(alarm("a1", AlarmState.CLEARED, AlarmPriority.HIGH, 9)); // again
    assertEquals("cleared", board.all().get(0).deviceState());
    assertEquals(2, changes.size());
  }

  @Test
  void list_putsUnclearedFirst_byPriority_andKeepsOnlyRecentCleared() {
    board.received(alarm("low", AlarmState.RAISED, AlarmPriority.LOW, 1));
    board.received(alarm("high", AlarmState.RAISED, AlarmPriority.HIGH, 2));
    for (int i = 0; i < 4; i++) {
      board.received(alarm("old" + i, AlarmState.CLEARED, AlarmPriority.HIGH, 3 + i));
    }
    List<String> ids = board.all().stream().map(AlarmBoard.Entry::alarmId).toList();
    assertEquals(List.of("high", "low", "old3", "old2"), ids);
  }

  @Test
  void unknownAlarm_cannotBeAcknowledged() {
    assertTrue(board.acknowledge("vert-01", "nope", "op1").isEmpty());
    assertTrue(changes.isEmpty());
  }

  private static AlarmEvent alarm(
      String id, AlarmState state, AlarmPriority priority, int seconds) {
    return new AlarmEvent(
        new Header("vert-01", "b1", T0.plusSeconds(seconds)),
        null,
        id,
        state,
        "HR_HIGH",
        priority,
        false,
        "hrBpm",
        182.0,
        180.0,
        "heart rate high");
  }
}
