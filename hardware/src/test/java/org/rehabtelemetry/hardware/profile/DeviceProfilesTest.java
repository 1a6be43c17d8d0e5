package org.rehabtelemetry.hardware.profile;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.config.ConfigException;
import org.rehabtelemetry.protocol.AlarmPriority;
import org.rehabtelemetry.protocol.DeviceKind;

class DeviceProfilesTest {
  @Test
  void builtInProfiles_allLoad() {
    assertEquals(
        java.util.List.of("verticalizer", "movement-trainer", "hydrotherapy", "phyto-barrel"),
        DeviceProfiles.builtInKinds().stream().map(DeviceKind::wireName).toList());
    for (DeviceKind kind : DeviceProfiles.builtInKinds()) {
      DeviceProfile profile = DeviceProfiles.builtIn(kind);
      assertEquals(kind, profile.kind());
      assertTrue(profile.wiring().emergencyStop().isPresent(), kind + " has an e-stop");
      assertTrue(!profile.programmes().isEmpty(), kind + " has programmes");
    }
  }

  @Test
  void verticalizer_hasTheDomainChannelsRatesAndLimits() {
    DeviceProfile profile = DeviceProfiles.builtIn(DeviceKind.VERTICALIZER);
    ChannelSpec tilt = profile.requireChannel("tiltDeg");
    assertEquals(50, tilt.sampleHz());
    assertEquals(10, tilt.publishHz());
    assertEquals(80, profile.maxSampleHz());
    assertEquals(0x68, profile.wiring().tilt().orElseThrow().address());
    assertEquals(17, profile.wiring().emergencyStop().orElseThrow().pin());
    AlarmRuleSpec.Threshold spo2 = (AlarmRuleSpec.Threshold) profile.alarmRules().get(1);
    assertEquals("SPO2_CRITICAL", spo2.code());
    assertTrue(spo2.below());
    assertEquals(85, spo2.limit());
    assertEquals(AlarmPriority.HIGH, spo2.priority());
    AlarmRuleSpec.RiseOverBaseline rise =
        (AlarmRuleSpec.RiseOverBaseline) profile.alarmRules().get(5);
    assertEquals("HR_RISE", rise.code());
    assertEquals(40, rise.rise());
    assertEquals(java.time.Duration.ofSeconds(60), rise.baseline());
    assertTrue(rise.sessionOnly());
    assertEquals("Угол наклона", tilt.labels().in("ru", "tiltDeg"));
    assertEquals(0, tilt.decimals());
    MetricSpec target = profile.summary().get(1);
    assertEquals("timeAtTargetTiltMin", target.name());
    assertEquals(MetricSpec.Type.TIME_AT_OR_ABOVE, target.type());
    assertEquals("targetTiltDeg", target.setting());
    assertEquals("min", target.unit());
    assertEquals(0.001, profile.wiring().sensorHub().orElseThrow().channels().get(0).scale());
  }

  @Test
  void hydrotherapy_hasFlowMeterAndSwitches() {
    DeviceProfile profile = DeviceProfiles.builtIn(DeviceKind.HYDROTHERAPY);
    assertEquals(7.5, profile.wiring().flowMeter().orElseThrow().kFactor());
    assertEquals(
        java.util.Set.of("waterLevelOk", "doorClosed"), profile.wiring().switches().keySet());
  }

  @Test
  void secondVerticalizerOnOtherPins_isAConfigChange(@TempDir Path dir) throws IOException {
    String yaml =
        builtInText("verticalizer")
            .replace("pin: 17", "pin: 5")
            .replace("pin: 27", "pin: 6")
            .replace("/dev/ttyUSB0", "/dev/ttyACM0");
    Path file = dir.resolve("vert-02.yaml");
    Files.writeString(file, yaml);
    DeviceProfile profile = DeviceProfiles.load(file);
    assertEquals(5, profile.wiring().emergencyStop().orElseThrow().pin());
    assertEquals("/dev/ttyACM0", profile.wiring().sensorHub().orElseThrow().port());
  }

  @Test
  void misspeltKey_isNamedWithFileAndPath() {
    assertRejected(
        builtInText("verticalizer").replace("activeLow: true, debounceMs: 20", "activelow: true"),
        "wiring.gpio.emergencyStop.activelow",
        "test.yaml: wiring.gpio.emergencyStop.activelow: is not a known key here (misspelt?)");
  }

  @Test
  void pinOutOfRange_namesKeyAndValue() {
    assertRejected(
        builtInText("verticalizer").replace("pin: 17", "pin: 40"),
        "wiring.gpio.emergencyStop.pin",
        "test.yaml: wiring.gpio.emergencyStop.pin: must be a whole number from 0 to 27, was 40");
  }

  @Test
  void pinUsedTwice_isRejected() {
    assertRejected(
        builtInText("verticalizer").replace("pin: 27", "pin: 17"),
        "wiring.gpio.startStopButton.pin",
        "test.yaml: wiring.gpio.startStopButton.pin: GPIO 17 is already used by"
            + " wiring.gpio.emergencyStop.pin");
  }

  @Test
  void wiringNamesUndeclaredChannel_isRejected() {
    assertRejected(
        builtInText("verticalizer")
            .replace("channel: loadRightKg, scale", "channel: loadRight, scale"),
        "wiring.sensorHub.channels[1].channel",
        "test.yaml: wiring.sensorHub.channels[1].channel: names channel \"loadRight\", which the"
            + " profile's channels do not declare");
  }

  @Test
  void oddBaudRate_isRejected() {
    assertRejected(
        builtInText("verticalizer").replace("baud: 9600", "baud: 9601"),
        "wiring.oximeter.baud",
        "test.yaml: wiring.oximeter.baud: must be a standard rate [1200, 2400, 4800, 9600, 19200,"
            + " 38400, 57600, 115200, 230400, 460800, 921600], was 9601");
  }

  @Test
  void maxBelowMin_isRejected() {
    assertRejected(
        builtInText("verticalizer").replace("min: 30, max: 250", "min: 30, max: 20"),
        "channels[3].max",
        "test.yaml: channels[3].max: must be greater than min (30.0), was 20.0");
  }

  @Test
  void patientLimits_areReadWithTheirBoundsAndAgePresets() {
    PatientLimits limits = DeviceProfiles.builtIn(DeviceKind.VERTICALIZER).patientLimits();
    assertEquals(new PatientLimits.Bounds(100, 200), limits.adjustable().get("HR_HIGH"));
    assertEquals(
        java.util.Map.of("HR_LOW", 80.0, "HR_HIGH", 120.0),
        limits.preset("5-12y").orElseThrow().limits());
    assertEquals("5–12 жас", limits.preset("5-12y").orElseThrow().label().in("kk", "?"));
  }

  @Test
  void aPresetOutsideItsBounds_orOnACodeNotAdjustable_isRejected() {
    assertRejected(
        builtInText("verticalizer")
            .replace("limits: {HR_LOW: 95, HR_HIGH: 140}", "limits: {HR_LOW: 95, HR_HIGH: 240}"),
        "patientLimits.presets[0].limits.HR_HIGH",
        "test.yaml: patientLimits.presets[0].limits.HR_HIGH: must be within 100.0..200.0, was 240.0");
    assertRejected(
        builtInText("verticalizer")
            .replace("    SPO2_LOW: {min: 85,  max: 95}", "    ESTOP: {min: 1, max: 2}"),
        "patientLimits.adjustable.ESTOP",
        "test.yaml: patientLimits.adjustable.ESTOP: is not an alarm of this profile with a limit (a"
            + " threshold, rise or setting rule)");
  }

  @Test
  void alarmWithTwoConditions_isRejected() {
    assertRejected(
        builtInText("verticalizer").replace("below: 90,", "below: 90, above: 99,"),
        "alarms[0].below",
        "test.yaml: alarms[0].below: a threshold rule needs exactly one of below and above");
  }

  @Test
  void malformedKind_isRejectedWithTheSyntax() {
    assertRejected(
        builtInText("verticalizer").replace("kind: verticalizer", "kind: Bicycle!"),
        "kind",
        "test.yaml: kind: must be a device kind: a-z, then up to 31 of a-z 0-9 '-', was"
            + " \"Bicycle!\"");
  }

  @Test
  void aNewKind_isAProfileFileAlone(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("sauna.yaml");
    Files.writeString(
        file,
        builtInText("phyto-barrel")
            .replace("kind: phyto-barrel", "kind: sauna")
            .replace("name: herbalSteam", "name: dryHeat"));
    DeviceProfile sauna = DeviceProfiles.load(file);
    assertEquals(new DeviceKind("sauna"), sauna.kind());
    assertEquals("dryHeat", sauna.programmes().get(0).name());
    assertTrue(
        sauna.alarmRules().stream().anyMatch(rule -> rule instanceof AlarmRuleSpec.SwitchState));
  }

  @Test
  void unknownRuleType_listsTheTypes() {
    assertRejected(
        builtInText("verticalizer").replace("type: vasovagal,", "type: fainting,"),
        "alarms[6].type",
        "test.yaml: alarms[6].type: must be one of threshold, rate, riseOverBaseline, vasovagal,"
            + " increase, countInWindow, aboveSetting, lostAfterSeen, switch; was \"fainting\"");
  }

  @Test
  void ruleOnASettingNoProgrammeHas_isRejected() {
    assertRejected(
        builtInText("hydrotherapy").replace("setting: waterTempC,\n", "setting: waterTemp,\n"),
        "alarms[4].setting",
        "test.yaml: alarms[4].setting: names \"waterTemp\", which no programme of this profile"
            + " has");
  }

  @Test
  void switchRuleOnAnUnwiredSwitch_isRejected() {
    assertRejected(
        builtInText("hydrotherapy").replace("switch: waterLevelOk", "switch: waterLevel"),
        "alarms[6].switch",
        "test.yaml: alarms[6].switch: names \"waterLevel\", which is not under"
            + " wiring.gpio.switches [waterLevelOk, doorClosed]");
  }

  @Test
  void summaryMetricOnAnUndeclaredChannel_isRejected() {
    assertRejected(
        builtInText("verticalizer")
            .replace("type: max, channel: tiltDeg", "type: max, channel: tilt"),
        "summary[0].channel",
        "test.yaml: summary[0].channel: names channel \"tilt\", which the profile's channels do"
            + " not declare");
  }

  @Test
  void overlay_replacesPortsAndRemovesAPart() throws IOException {
    com.fasterxml.jackson.databind.JsonNode overlay =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(
                "{\"wiring\":{\"sensorHub\":{\"port\":\"/dev/pts/7\"},\"tilt\":null,"
                    + "\"oximeter\":{\"port\":\"/dev/pts/8\"}}}");
    DeviceProfile profile =
        DeviceProfiles.parse(
            "overlay", DeviceProfiles.builtInYaml(DeviceKind.VERTICALIZER), overlay);
    assertEquals("/dev/pts/7", profile.wiring().sensorHub().orElseThrow().port());
    assertEquals("/dev/pts/8", profile.wiring().oximeter().orElseThrow().port());
    assertTrue(profile.wiring().tilt().isEmpty());
    assertEquals(2, profile.wiring().sensorHub().orElseThrow().channels().size());
  }

  @Test
  void brokenYaml_saysWhere() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> DeviceProfiles.parse("test.yaml", "kind: [verticalizer\n".getBytes(UTF_8)));
    assertEquals("(file)", e.key());
    assertTrue(
        e.getMessage().startsWith("test.yaml: (file): is not valid YAML at line"), e.getMessage());
  }

  @Test
  void duplicateKey_isRejected() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                DeviceProfiles.parse(
                    "test.yaml", "kind: verticalizer\nkind: hydrotherapy\n".getBytes(UTF_8)));
    assertTrue(e.getMessage().contains("Duplicate field 'kind'"), e.getMessage());
  }

  @Test
  void missingFile_namesIt(@TempDir Path dir) {
    ConfigException e =
        assertThrows(ConfigException.class, () -> DeviceProfiles.load(dir.resolve("none.yaml")));
    assertTrue(e.getMessage().contains("none.yaml: (file): cannot be read"), e.getMessage());
  }

  private static void assertRejected(String yaml, String key, String message) {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> DeviceProfiles.parse("test.yaml", yaml.getBytes(UTF_8)));
    assertEquals(key, e.key());
    assertEquals(message, e.getMessage());
  }

  private static String builtInText(String kind) {
    try (InputStream in =
        DeviceProfilesTest.class
            .getClassLoader()
            .getResourceAsStream("profiles/" + kind + ".yaml")) {
      return new String(in.readAllBytes(), UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
