package org.rehabtelemetry.agent.alarm.sound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.agent.alarm.ActiveAlarm;
import org.rehabtelemetry.agent.alarm.AlarmManager;
import org.rehabtelemetry.agent.alarm.AlarmSpec;
import org.rehabtelemetry.protocol.AlarmPriority;
import org.rehabtelemetry.protocol.AlarmState;

class AlarmSounderTest {
  private static final long SECOND = 1_000_000_000L;
  private final AtomicLong now = new AtomicLong(1_000 * SECOND);
  private final List<AlarmPriority> played = new ArrayList<>();
  private final List<ActiveAlarm> changes = new ArrayList<>();
  private final AtomicBoolean linkUp = new AtomicBoolean(true);
  private AlarmSounder sounder;
  private final AlarmManager alarms =
      new AlarmManager(
          "A",
          alarm -> {
            changes.add(alarm);
            if (sounder != null) {
              sounder.update();
            }
          });

  {
    sounder =
        new AlarmSounder(
            alarms,
            now::get,
            Duration.ofMinutes(2),
            Duration.ofSeconds(60),
            linkUp::get,
            played::add);
  }

  @Test
  void theHighestPriorityRaisedSounds_andAcknowledgingSilencesIt() {
    raise("SPO2_LOW", AlarmPriority.MEDIUM, false);
    assertEquals(AlarmPriority.MEDIUM, sounder.sounding());
    raise("ESTOP", AlarmPriority.HIGH, true);
    assertEquals(AlarmPriority.HIGH, sounder.sounding());

    alarms.acknowledge(id("ESTOP"));
    assertEquals(AlarmPriority.MEDIUM, sounder.sounding(), "the medium one still needs a person");
    alarms.clear("SPO2_LOW");
    assertNull(sounder.sounding());
    assertEquals(
        List.of(AlarmPriority.MEDIUM, AlarmPriority.HIGH, AlarmPriority.MEDIUM),
        played.subList(0, 3));
  }

  @Test
  void aLatchedAlarm_soundsAfterItsConditionEnds_untilAcknowledged() {
    raise("ESTOP", AlarmPriority.HIGH, true);
    alarms.clear("ESTOP");
    assertEquals(AlarmPriority.HIGH, sounder.sounding());
    alarms.acknowledge(id("ESTOP"));
    assertNull(sounder.sounding());
  }

  @Test
  void audioPaused_silencesForTwoMinutes_isShownAsAnAlarm_andSoundReturnsAfter() {
    raise("HR_HIGH", AlarmPriority.MEDIUM, false);

    assertTrue(sounder.pause("touch UI"));

    assertNull(sounder.sounding());
    assertEquals(120, sounder.pausedSecondsLeft());
    ActiveAlarm pausedIndication = last(AlarmSounder.AUDIO_PAUSED);
    assertEquals(AlarmState.RAISED, pausedIndication.state());
    assertTrue(pausedIndication.spec().message().contains("2 min"));
    assertTrue(pausedIndication.spec().message().contains("touch UI"));

    now.addAndGet(119 * SECOND);
    sounder.update();
    assertNull(sounder.sounding(), "still paused");
    assertEquals(1, sounder.pausedSecondsLeft());

    now.addAndGet(SECOND);
    sounder.update();
    assertEquals(AlarmPriority.MEDIUM, sounder.sounding(), "the condition persists: sound returns");
    assertEquals(AlarmState.CLEARED, last(AlarmSounder.AUDIO_PAUSED).state());
    assertEquals(0, sounder.pausedSecondsLeft());
  }

  @Test
  void aNewAlarmDuringThePause_endsIt() {
    raise("HR_HIGH", AlarmPriority.MEDIUM, false);
    sounder.pause("touch UI");

    raise("SPO2_LOW", AlarmPriority.LOW, false);

    assertEquals(AlarmPriority.MEDIUM, sounder.sounding(), "all sound again, the highest first");
    assertEquals(AlarmState.CLEARED, last(AlarmSounder.AUDIO_PAUSED).state());
  }

  @Test
  void resume_endsThePauseEarly_andNothingSoundingCannotBePaused() {
    assertFalse(sounder.pause("touch UI"), "nothing sounds");
    raise("HR_HIGH", AlarmPriority.MEDIUM, false);
    sounder.pause("CLI");
    sounder.resume();
    assertEquals(AlarmPriority.MEDIUM, sounder.sounding());
    assertFalse(alarms.isActive(AlarmSounder.AUDIO_PAUSED));
  }

  @Test
  void alarmPaused_holdsBackMediumAndLow_newOnesToo_forItsTime_andIsShownAndLogged() {
    raise("SENSOR_SILENT", AlarmPriority.MEDIUM, false);

    assertEquals(Optional.empty(), sounder.pauseAlarms("touch UI"));

    assertNull(sounder.sounding());
    assertEquals(60, sounder.alarmPausedSecondsLeft());
    ActiveAlarm indication = last(AlarmSounder.ALARM_PAUSED);
    assertEquals(AlarmState.RAISED, indication.state());
    assertEquals(AlarmPriority.LOW, indication.spec().priority());
    assertTrue(indication.spec().message().contains("1 min on the device (touch UI)"));
    raise("SPO2_LOW", AlarmPriority.MEDIUM, false);
    assertNull(sounder.sounding(), "a new medium alarm is held back too: that is the point");
    assertTrue(alarms.isActive("SPO2_LOW"), "but it is raised, listed, logged and sent");

    now.addAndGet(59 * SECOND);
    sounder.update();
    assertNull(sounder.sounding());
    now.addAndGet(SECOND);
    sounder.update();
    assertEquals(AlarmPriority.MEDIUM, sounder.sounding(), "back after 60 s");
    assertEquals(AlarmState.CLEARED, last(AlarmSounder.ALARM_PAUSED).state());
    assertEquals(0, sounder.alarmPausedSecondsLeft());
  }

  @Test
  void alarmPaused_isNeverForHighPriority_aHighOneRefusesOrEndsIt() {
    raise("ESTOP", AlarmPriority.HIGH, true);
    assertEquals(
        Optional.of(AlarmPauseRefusal.HIGH_PRIORITY_ACTIVE), sounder.pauseAlarms("touch UI"));
    assertFalse(alarms.isActive(AlarmSounder.ALARM_PAUSED));
    alarms.clear("ESTOP");
    alarms.acknowledge(id("ESTOP"));

    raise("HR_HIGH", AlarmPriority.MEDIUM, false);
    assertEquals(Optional.empty(), sounder.pauseAlarms("CLI"));
    raise("SPO2_CRITICAL", AlarmPriority.HIGH, false);
    assertEquals(AlarmPriority.HIGH, sounder.sounding(), "a high alarm sounds at once");
    assertEquals(0, sounder.alarmPausedSecondsLeft(), "and ends the pause for all");
    alarms.clear("SPO2_CRITICAL");
    assertEquals(AlarmPriority.MEDIUM, sounder.sounding());
  }

  @Test
  void alarmPaused_isRefusedOrEnds_whileTheOperatorCannotSeeTheDevice() {
    raise("OPERATOR_LINK_LOST", AlarmPriority.MEDIUM, false);
    assertEquals(
        Optional.of(AlarmPauseRefusal.OPERATOR_LINK_LOST), sounder.pauseAlarms("touch UI"));
    alarms.acknowledge(id("OPERATOR_LINK_LOST"));
    assertEquals(
        Optional.of(AlarmPauseRefusal.OPERATOR_LINK_LOST),
        sounder.pauseAlarms("touch UI"),
        "acknowledged, the link is still lost");
    alarms.clear("OPERATOR_LINK_LOST");

    raise("HR_HIGH", AlarmPriority.MEDIUM, false);
    assertEquals(Optional.empty(), sounder.pauseAlarms("touch UI"));
    raise("OPERATOR_LINK_LOST", AlarmPriority.MEDIUM, false);
    assertEquals(0, sounder.alarmPausedSecondsLeft(), "the link lost during it ends it");
    assertEquals(AlarmPriority.MEDIUM, sounder.sounding());
    assertEquals(AlarmState.CLEARED, last(AlarmSounder.ALARM_PAUSED).state());
  }

  @Test
  void alarmPaused_isRefusedOrEnds_whileTheBrokerIsNotConnected_evenBetweenSessions() {
    linkUp.set(false);
    assertEquals(
        Optional.of(AlarmPauseRefusal.OPERATOR_LINK_LOST), sounder.pauseAlarms("touch UI"));
    linkUp.set(true);
    raise("HR_HIGH", AlarmPriority.MEDIUM, false);
    assertEquals(Optional.empty(), sounder.pauseAlarms("touch UI"));
    assertNull(sounder.sounding());
    linkUp.set(false);
    sounder.update(); // the agent's quarter-second tick
    assertEquals(0, sounder.alarmPausedSecondsLeft(), "a lost connection ends it");
    assertEquals(AlarmPriority.MEDIUM, sounder.sounding());
  }

  @Test
  void alarmsOn_endsAlarmPausedEarly_andItsNoticeNeverSounds() {
    assertEquals(Optional.empty(), sounder.pauseAlarms("touch UI"), "allowed with no alarm");
    assertNull(sounder.sounding(), "the notice itself is silent");
    raise("LID_OPEN", AlarmPriority.LOW, false);
    assertNull(sounder.sounding());
    sounder.resumeAlarms();
    assertEquals(AlarmPriority.LOW, sounder.sounding());
    assertFalse(alarms.isActive(AlarmSounder.ALARM_PAUSED));
  }

  private void raise(String code, AlarmPriority priority, boolean latched) {
    alarms.raise(AlarmSpec.technical(code, code, priority, latched, code), now.get());
  }

  private String id(String code) {
    return last(code).alarmId();
  }

  private ActiveAlarm last(String code) {
    for (int i = changes.size() - 1; i >= 0; i--) {
      if (changes.get(i).spec().code().equals(code)) {
        return changes.get(i);
      }
    }
    throw new AssertionError("no " + code);
  }
}
