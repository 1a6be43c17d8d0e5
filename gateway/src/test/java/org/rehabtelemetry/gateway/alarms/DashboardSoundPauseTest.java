package org.rehabtelemetry.gateway.alarms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.protocol.AlarmEvent;
import org.rehabtelemetry.protocol.AlarmPriority;
import org.rehabtelemetry.protocol.AlarmState;
import org.rehabtelemetry.protocol.Header;
import org.rehabtelemetry.testsupport.MutableClock;

class DashboardSoundPauseTest {
  private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

  private final MutableClock clock = new MutableClock(T);
  private final AtomicReference<DashboardSoundPause> pauseOf = new AtomicReference<>();
  private final AlarmBoard board =
      new AlarmBoard(50, 50, clock, entry -> pauseOf.get().alarmChanged(entry));
  private final List<DashboardSoundPause.State> shown = new CopyOnWriteArrayList<>();
  private final List<AlarmBoard.Entry> logged = new CopyOnWriteArrayList<>();
  private final DashboardSoundPause pause =
      new DashboardSoundPause(board, clock, Duration.ofMinutes(2), shown::add, logged::add);

  DashboardSoundPauseTest() {
    pauseOf.set(pause);
  }

  @Test
  void aPauseSilencesWhatSoundsNow_forItsTime_thenEndsByItself_andBothStepsAreLogged() {
    board.received(alarm("a-1", "vert-01", AlarmState.RAISED, false));
    board.received(alarm("a-2", "vert-02", AlarmState.RAISED, false));

    DashboardSoundPause.State paused = pause.pause("op1");
    assertTrue(paused.paused());
    assertEquals("op1", paused.by());
    assertEquals(List.of("vert-01/a-1", "vert-02/a-2"), paused.silenced());
    assertEquals(120, paused.secondsLeft());
    assertEquals(T.plusSeconds(120), paused.until());

    clock.advance(Duration.ofSeconds(119).plusMillis(1));
    pause.check();
    assertTrue(pause.state().paused(), "still paused with 1 s to go");
    assertEquals(1, pause.state().secondsLeft(), "rounded up");
    clock.advance(Duration.ofMillis(999));
    pause.check();
    DashboardSoundPause.State over = pause.state();
    assertFalse(over.paused(), "over after exactly 2 min");
    assertEquals("its time was over", over.ended());
    assertEquals(List.of(), over.silenced());

    assertEquals(2, shown.size(), "the dashboards heard the start and the end");
    assertEquals(2, logged.size());
    assertEquals("AUDIO_PAUSED", logged.get(0).code());
    assertEquals("raised", logged.get(0).deviceState());
    assertEquals("op1", logged.get(0).operatorAckBy(), "who paused");
    assertTrue(logged.get(0).message().contains("for 2 min by op1 (2 alarms)"));
    assertEquals("cleared", logged.get(1).deviceState());
    assertEquals(logged.get(0).alarmId(), logged.get(1).alarmId(), "one pause, two steps");
    assertTrue(logged.get(1).message().endsWith("its time was over"), logged.get(1).message());
  }

  @Test
  void aNewAlarmEndsThePauseAtOnce_butAChangeOfASilencedOneDoesNot() {
    board.received(alarm("a-1", "vert-01", AlarmState.RAISED, true));
    pause.pause("op1");
    board.received(alarm("a-1", "vert-01", AlarmState.CLEARED, true));
    assertTrue(pause.state().paused(), "the silenced alarm's own change keeps the pause");

    board.received(alarm("a-9", "vert-03", AlarmState.RAISED, false));
    DashboardSoundPause.State state = pause.state();
    assertFalse(state.paused(), "a new alarm is never silenced by an older pause");
    assertEquals("a new alarm needs sound", state.ended());
    assertEquals("cleared", logged.get(logged.size() - 1).deviceState());
  }

  @Test
  void nothingSounding_nothingToPause_andAnOperatorMayResumeEarly() {
    assertFalse(pause.pause("op1").paused(), "no alarm: no pause");
    board.received(alarm("a-1", "vert-01", AlarmState.RAISED, false));
    board.acknowledge("vert-01", "a-1", "op2");
    assertFalse(pause.pause("op1").paused(), "an alarm seen at the desk does not sound there");
    assertEquals(List.of(), logged);

    board.received(alarm("a-2", "vert-01", AlarmState.RAISED, false));
    assertTrue(pause.pause("op1").paused());
    DashboardSoundPause.State resumed = pause.resume("op2");
    assertFalse(resumed.paused());
    assertEquals("resumed by op2", resumed.ended());
    assertEquals("op2", resumed.by());
    assertFalse(pause.resume("op2").paused(), "resuming twice changes nothing");
    assertEquals(2, logged.size());
  }

  @Test
  void theDashboardsOwnPauseNoticeNeverSounds() {
    assertFalse(
        DashboardSoundPause.needsSound(
            new AlarmBoard.Entry(
                "vert-01",
                "x",
                "AUDIO_PAUSED",
                "low",
                "raised",
                false,
                false,
                "",
                null,
                null,
                null,
                T,
                T,
                null,
                null)));
  }

  private static AlarmEvent alarm(String id, String device, AlarmState state, boolean latched) {
    return new AlarmEvent(
        new Header(device, "b1", T),
        null,
        id,
        state,
        "HR_HIGH",
        AlarmPriority.MEDIUM,
        latched,
        "hrBpm",
        182.0,
        180.0,
        "heart rate high");
  }
}
