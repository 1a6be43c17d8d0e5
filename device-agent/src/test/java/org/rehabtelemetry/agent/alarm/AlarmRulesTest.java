package org.rehabtelemetry.agent.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.hardware.profile.DeviceProfiles;
import org.rehabtelemetry.protocol.AlarmPriority;
import org.rehabtelemetry.protocol.DeviceKind;

class AlarmRulesTest {
  private final List<ActiveAlarm> changes = new ArrayList<>();
  private final AlarmManager alarms = new AlarmManager("A-boot1", changes::add);
  private final LimitRules limits =
      new LimitRules(DeviceProfiles.builtIn(DeviceKind.VERTICALIZER).alarms(), alarms);

  @Test
  void spo2BelowLimits_raisesMediumThenHigh_andClearsWithHysteresis() {
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
    limits.evaluate(new Reading("heartRate", 165, 1));
    limits.evaluate(new Reading("heartRate", 170, 2));
    assertEquals(List.of("HR_HIGH raised"), summary());
    assertEquals("heartRate 165 above 160", changes.get(0).spec().message());
  }

  @Test
  void tiltFasterThan3DegPerSecond_raisesHigh() {
    limits.evaluate(new Reading("tiltDeg", 10, 0));
    limits.evaluate(new Reading("tiltDeg", 14, 1_000_000_000L));
    assertEquals(List.of("TILT_RATE_HIGH raised"), summary());
    assertEquals(AlarmPriority.HIGH, changes.get(0).spec().priority());
  }

  @Test
  void acknowledgedAlarm_staysUntilCleared_latchedOneStaysUntilAcknowledged() {
    AlarmSpec estop =
        new AlarmSpec(
            "ESTOP", "ESTOP", AlarmPriority.HIGH, true, null, null, null, "Emergency stop pressed");
    alarms.raise(estop, 1);
    alarms.clear("ESTOP");
    assertEquals(1, alarms.active().size(), "latched: stays after the condition ends");
    alarms.acknowledge(alarms.active().get(0).alarmId());
    assertTrue(alarms.active().isEmpty());
    assertEquals(List.of("ESTOP raised", "ESTOP cleared", "ESTOP acknowledged"), summary());
  }

  @Test
  void verticalizer_heartRateRiseOver40AboveBaseline_raisesHrRise() {
    ClinicalRules rules = new ClinicalRules(DeviceKind.VERTICALIZER, Map.of(), alarms);
    for (int s = 0; s < 60; s++) {
      rules.evaluate(new Reading("heartRate", 90, s * 1_000_000_000L));
    }
    rules.evaluate(new Reading("heartRate", 125, 70_000_000_000L));
    assertTrue(changes.isEmpty(), "a rise of 35 is within a normal tilt response");
    rules.evaluate(new Reading("heartRate", 131, 80_000_000_000L));
    assertEquals(List.of("HR_RISE raised"), summary());
  }

  @Test
  void trainer_threeSpasmsInAMinute_raiseRepeated() {
    ClinicalRules rules = new ClinicalRules(DeviceKind.MOVEMENT_TRAINER, Map.of(), alarms);
    rules.evaluate(new Reading("spasmCount", 0, 0));
    for (int i = 1; i <= 3; i++) {
      rules.evaluate(new Reading("spasmCount", i, i * 10_000_000_000L));
    }
    assertTrue(summary().contains("SPASM_REPEATED raised"), summary().toString());
    assertEquals(3, summary().stream().filter(s -> s.equals("SPASM raised")).count());
  }

  @Test
  void hydrotherapy_overPrescribedTemperature_raisesMedium() {
    ClinicalRules rules =
        new ClinicalRules(DeviceKind.HYDROTHERAPY, Map.of("waterTempC", 35.0), alarms);
    rules.evaluate(new Reading("bathTempC", 35.8, 1));
    rules.evaluate(new Reading("bathTempC", 36.2, 2));
    assertEquals(List.of("WATER_TEMP_OVER_PRESCRIBED raised"), summary());
  }

  @Test
  void verticalizer_heartRateAndSpo2FallingTogether_raisesHighVasovagal() {
    ClinicalRules rules = new ClinicalRules(DeviceKind.VERTICALIZER, Map.of(), alarms);
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
    ClinicalRules rules = new ClinicalRules(DeviceKind.HYDROTHERAPY, Map.of(), alarms);
    rules.evaluate(new Reading("flowLpm", 0, 1));
    assertTrue(changes.isEmpty(), "no flow yet at the start is not a loss");
    rules.evaluate(new Reading("flowLpm", 12, 2));
    rules.evaluate(new Reading("flowLpm", 0.2, 3));
    assertEquals(List.of("FLOW_LOST raised"), summary());
    rules.evaluate(new Reading("flowLpm", 10, 4));
    assertEquals(List.of("FLOW_LOST raised", "FLOW_LOST cleared"), summary());
  }

  private List<String> summary() {
    return changes.stream()
        .map(c -> c.spec().code() + " " + c.state().name().toLowerCase())
        .toList();
  }
}
