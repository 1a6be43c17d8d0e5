package org.rehabtelemetry.gateway.alarms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
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
  private final AtomicReference<AlarmBoard> boardOf = new AtomicReference<>();
  private final List<DashboardSoundPause.State> shown = new CopyOnWriteArrayList<>();
  private final List<AlarmBoard.Entry> logged = new CopyOnWriteArrayList<>();
  private final DashboardSoundPause pause =
      new DashboardSoundPause(
          () -> boardOf.get().all(), clock, Duration.ofMinutes(2), shown::add, logged::add);
  private final AlarmBoard board = new AlarmBoard(50, 50, clock, pause::alarmChanged);

  DashboardSoundPauseTest() {
    boardOf.set(board);
  }

  @Test
  void aPauseSilencesWhatSoundsNow_forItsTime_thenEndsByItself_andBothStepsAreLogged() {
    board.received(alarm("a-1", "vert-01", AlarmState.RAISED, false));
    board.received(alarm("a-2", "vert-02", AlarmState.RAISED, false));

    DashboardSoundPause.State paused = pause.pause("op1", null).state();
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
    assertTrue(shown.get(1).version() > shown.get(0).version(), "a newer state, a higher version");
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
    pause.pause("op1", null);
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
    assertFalse(pause.pause("op1", null).changed(), "no alarm: no pause");
    board.received(alarm("a-1", "vert-01", AlarmState.RAISED, false));
    board.acknowledge("vert-01", "a-1", "op2");
    assertFalse(
        pause.pause("op1", null).changed(), "an alarm seen at the desk does not sound there");
    assertEquals(List.of(), logged);

    board.received(alarm("a-2", "vert-01", AlarmState.RAISED, false));
    assertTrue(pause.pause("op1", null).state().paused());
    DashboardSoundPause.Outcome resumed = pause.resume("op2");
    assertTrue(resumed.changed());
    assertFalse(resumed.state().paused());
    assertEquals("resumed by op2", resumed.state().ended());
    assertEquals("op2", resumed.state().by());
    assertFalse(pause.resume("op2").changed(), "resuming twice changes nothing");
    assertEquals(2, logged.size());
  }

  @Test
  void onlyWhatTheOperatorHeardIsSilenced_andAPauseWhilePausedNeitherExtendsNorReplacesIt() {
    board.received(alarm("a-1", "vert-01", AlarmState.RAISED, false));
    board.received(alarm("a-2", "vert-02", AlarmState.RAISED, false)); // not yet heard at the desk
    DashboardSoundPause.Outcome first = pause.pause("op1", Set.of("vert-01/a-1", "vert-09/gone"));
    assertEquals(List.of("vert-01/a-1"), first.state().silenced(), "heard and still sounding");

    clock.advance(Duration.ofSeconds(60));
    DashboardSoundPause.Outcome again = pause.pause("op2", Set.of("vert-01/a-1", "vert-02/a-2"));
    assertFalse(again.changed(), "already paused");
    assertEquals(first.state().until(), again.state().until(), "not extended");
    assertEquals("op1", again.state().by());
    assertEquals(1, logged.size(), "one pause, logged once");
    assertEquals(List.of("raised"), logged.stream().map(AlarmBoard.Entry::deviceState).toList());
  }

  @Test
  void aDevicePausingItsOwnAlarms_endsTheDesksPause_andItsAlarmsAreNeverSilencedAtTheDesk() {
    board.received(alarm("a-1", "vert-01", AlarmState.RAISED, false));
    board.received(notice("n-1", "vert-02", "ALARM_PAUSED", AlarmState.RAISED));
    board.received(alarm("a-2", "vert-02", AlarmState.RAISED, false));
    DashboardSoundPause.Outcome paused = pause.pause("op1", null);
    assertEquals(
        List.of("vert-01/a-1"),
        paused.state().silenced(),
        "vert-02 has paused its own alarms: the desk keeps hearing them");

    board.received(notice("n-2", "vert-01", "ALARM_PAUSED", AlarmState.RAISED));
    DashboardSoundPause.State state = pause.state();
    assertFalse(state.paused(), "the desk must hear a device that paused its own alarms");
    assertEquals("a device paused its own alarms: the desk must hear them", state.ended());
    assertEquals(
        List.of("raised", "cleared"),
        logged.stream().map(AlarmBoard.Entry::deviceState).toList(),
        "in the order it happened");
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

  private static AlarmEvent notice(String id, String device, String code, AlarmState state) {
    return new AlarmEvent(
        new Header(device, "b1", T),
        null,
        id,
        state,
        code,
        AlarmPriority.LOW,
        false,
        null,
        null,
        null,
        "alarms paused on the device");
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
