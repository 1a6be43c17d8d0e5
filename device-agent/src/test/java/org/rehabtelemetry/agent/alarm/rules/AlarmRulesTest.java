package org.rehabtelemetry.agent.alarm.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.agent.alarm.ActiveAlarm;
import org.rehabtelemetry.agent.alarm.AlarmManager;
import org.rehabtelemetry.agent.alarm.AlarmSpec;
import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.hardware.profile.DeviceProfiles;
import org.rehabtelemetry.protocol.AlarmPriority;
import org.rehabtelemetry.protocol.DeviceKind;

/** The alarm rules of the built-in profiles, as data turned into behaviour. */
class AlarmRulesTest {
  private final List<ActiveAlarm> changes = new ArrayList<>();
  private final AlarmManager alarms = new AlarmManager("A-boot1", changes::add);

  private AlarmRules rules(DeviceKind kind) {
    return new AlarmRules(DeviceProfiles.builtIn(kind).alarmRules(), alarms);
  }

  private AlarmRules inSession(DeviceKind kind, Map<String, Double> settings) {
    AlarmRules rules = rules(kind);
    rules.sessionStarted(settings, Map.of());
    return rules;
  }

  @Test
  void spo2BelowLimits_raisesMediumThenHigh_andClearsWithHysteresis() {
    AlarmRules limits = rules(DeviceKind.VERTICALIZER);
    limits.evaluate(new Reading("spo2", 89, 1));
    limits.evaluate(new Reading("spo2", 84, 2));
    assertEquals(List.of("SPO2_LOW raised", "SPO2_CRITICAL raised"), summary());
    assertEquals(AlarmPriority.HIGH, changes.get(1).spec().priority());
    limits.evaluate(new Reading("spo2", 90.2, 3));
    assertEquals(
        1, alarms.active().size(), "critical clears; 90.2 is within the low limit's hysteresis");
    assertEquals("SPO2_LOW", alarms.active().get(0).spec().code());
    limits.evaluate(new Reading("spo2", 95, 4));
    assertTrue(alarms.active().isEmpty());
  }

  @Test
  void repeatedHighValues_raiseOnce() {
    AlarmRules limits = rules(DeviceKind.VERTICALIZER);
    limits.evaluate(new Reading("heartRate", 165, 1));
    limits.evaluate(new Reading("heartRate", 170, 2));
    assertEquals(List.of("HR_HIGH raised"), summary());
    assertEquals("heartRate 165 above 160", changes.get(0).spec().message());
  }

  @Test
  void tiltFasterThan3DegPerSecond_raisesHigh() {
    AlarmRules limits = rules(DeviceKind.VERTICALIZER);
    limits.evaluate(new Reading("tiltDeg", 10, 0));
    limits.evaluate(new Reading("tiltDeg", 14, 1_000_000_000L));
    assertEquals(List.of("TILT_RATE_HIGH raised"), summary());
    assertEquals(AlarmPriority.HIGH, changes.get(0).spec().priority());
  }

  @Test
  void acknowledgedAlarm_staysUntilCleared_latchedOneStaysUntilAcknowledged() {
    alarms.raise(AlarmSpec.latched("ESTOP", AlarmPriority.HIGH, "Emergency stop pressed"), 1);
    alarms.clear("ESTOP");
    assertEquals(1, alarms.active().size(), "latched: stays after the condition ends");
    alarms.acknowledge(alarms.active().get(0).alarmId());
    assertTrue(alarms.active().isEmpty());
    assertEquals(List.of("ESTOP raised", "ESTOP cleared", "ESTOP acknowledged"), summary());
  }

  @Test
  void sessionRules_runOnlyWhileASessionRuns() {
    AlarmRules rules = rules(DeviceKind.HYDROTHERAPY);
    rules.evaluate(new Reading("flowLpm", 12, 1));
    rules.evaluate(new Reading("flowLpm", 0, 2));
    assertTrue(changes.isEmpty(), "no session: the loss-of-flow rule does not run");
    rules.sessionStarted(Map.of("waterTempC", 35.0), Map.of());
    rules.sessionRunning(false);
    rules.evaluate(new Reading("bathTempC", 37, 3));
    assertTrue(changes.isEmpty(), "paused: session rules rest");
    rules.sessionRunning(true);
    rules.evaluate(new Reading("bathTempC", 37, 4));
    assertEquals(List.of("WATER_TEMP_OVER_PRESCRIBED raised"), summary());
  }

  @Test
  void verticalizer_heartRateRiseOver40AboveBaseline_raisesHrRise() {
    AlarmRules rules = inSession(DeviceKind.VERTICALIZER, Map.of());
    for (int s = 0; s < 60; s++) {
      rules.evaluate(new Reading("heartRate", 90, s * 1_000_000_000L));
    }
    rules.evaluate(new Reading("heartRate", 125, 70_000_000_000L));
    assertTrue(changes.isEmpty(), "a rise of 35 is within a normal tilt response");
    rules.evaluate(new Reading("heartRate", 131, 80_000_000_000L));
    assertEquals(List.of("HR_RISE raised"), summary());
  }

  @Test
  void aPatientsOwnLimit_holdsForItsSession_andTheProfilesComesBack() {
    AlarmRules rules = rules(DeviceKind.VERTICALIZER);
    rules.sessionStarted(Map.of(), Map.of("HR_HIGH", 180.0));
    rules.evaluate(new Reading("heartRate", 170, 1));
    assertTrue(changes.isEmpty(), "170 is within this child's limit of 180");
    rules.sessionEnded();
    rules.evaluate(new Reading("heartRate", 170, 2));
    assertEquals(List.of("HR_HIGH raised"), summary());
  }

  @Test
  void trainer_threeSpasmsInAMinute_raiseRepeated() {
    AlarmRules rules = inSession(DeviceKind.MOVEMENT_TRAINER, Map.of());
    rules.evaluate(new Reading("spasmCount", 0, 0));
    for (int i = 1; i <= 3; i++) {
      rules.evaluate(new Reading("spasmCount", i, i * 10_000_000_000L));
    }
    assertTrue(summary().contains("SPASM_REPEATED raised"), summary().toString());
    assertEquals(3, summary().stream().filter(s -> s.equals("SPASM raised")).count());
  }

  @Test
  void hydrotherapy_overPrescribedTemperature_raisesMedium() {
    AlarmRules rules = inSession(DeviceKind.HYDROTHERAPY, Map.of("waterTempC", 35.0));
    rules.evaluate(new Reading("bathTempC", 35.8, 1));
    rules.evaluate(new Reading("bathTempC", 36.2, 2));
    assertEquals(List.of("WATER_TEMP_OVER_PRESCRIBED raised"), summary());
  }

  @Test
  void verticalizer_heartRateAndSpo2FallingTogether_raisesHighVasovagal() {
    AlarmRules rules = inSession(DeviceKind.VERTICALIZER, Map.of());
    for (int s = 0; s < 60; s++) {
      rules.evaluate(new Reading("spo2", 97, s * 1_000_000_000L));
      rules.evaluate(new Reading("heartRate", 100, s * 1_000_000_000L + 1));
    }
    rules.evaluate(new Reading("heartRate", 110, 70_000_000_000L));
    rules.evaluate(new Reading("spo2", 95, 80_000_000_000L));
    rules.evaluate(new Reading("heartRate", 85, 80_000_000_001L));
    assertTrue(changes.isEmpty(), "HR down 25 but SpO2 only 2 below baseline");
    rules.evaluate(new Reading("spo2", 92, 90_000_000_000L));
    rules.evaluate(new Reading("heartRate", 84, 90_000_000_001L));
    assertEquals(List.of("VASOVAGAL raised"), summary());
    assertEquals(AlarmPriority.HIGH, changes.get(0).spec().priority());
  }

  @Test
  void hydrotherapy_flowDroppingAfterItRan_raisesFlowLost() {
    AlarmRules rules = inSession(DeviceKind.HYDROTHERAPY, Map.of());
    rules.evaluate(new Reading("flowLpm", 0, 1));
    assertTrue(changes.isEmpty(), "no flow yet at the start is not a loss");
    rules.evaluate(new Reading("flowLpm", 12, 2));
    rules.evaluate(new Reading("flowLpm", 0.2, 3));
    assertEquals(List.of("FLOW_LOST raised"), summary());
    rules.evaluate(new Reading("flowLpm", 10, 4));
    assertEquals(List.of("FLOW_LOST raised", "FLOW_LOST cleared"), summary());
  }

  @Test
  void hydrotherapy_waterLevelSwitchOpen_raisesWaterLevelLow_evenIdle() {
    AlarmRules rules = rules(DeviceKind.HYDROTHERAPY);
    rules.evaluate(new Reading("waterLevelOk", 1, 1));
    rules.evaluate(new Reading("waterLevelOk", 0, 2));
    rules.evaluate(new Reading("waterLevelOk", 1, 3));
    assertEquals(List.of("WATER_LEVEL_LOW raised", "WATER_LEVEL_LOW cleared"), summary());
  }

  @Test
  void phytoBarrel_fromYamlAlone_raisesItsOwnAlarms() {
    AlarmRules rules = inSession(new DeviceKind("phyto-barrel"), Map.of("steamTempC", 40.0));
    rules.evaluate(new Reading("steamTempC", 42.5, 1));
    rules.evaluate(new Reading("steamTempC", 47, 2));
    rules.evaluate(new Reading("lidClosed", 0, 3));
    assertEquals(
        List.of("STEAM_OVER_PRESCRIBED raised", "STEAM_TEMP_HIGH raised", "LID_OPEN raised"),
        summary());
    assertEquals(AlarmPriority.HIGH, changes.get(1).spec().priority());
  }

  private List<String> summary() {
    return changes.stream()
        .map(c -> c.spec().code() + " " + c.state().name().toLowerCase())
        .toList();
  }
}
