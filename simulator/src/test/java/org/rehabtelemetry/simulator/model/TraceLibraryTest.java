package org.rehabtelemetry.simulator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.hardware.profile.AlarmRuleSpec;
import org.rehabtelemetry.hardware.profile.ChannelSpec;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.hardware.profile.DeviceProfiles;
import org.rehabtelemetry.hardware.trace.Trace;
import org.rehabtelemetry.hardware.trace.TraceEvent;
import org.rehabtelemetry.hardware.trace.TraceFormat;
import org.rehabtelemetry.protocol.DeviceKind;

class TraceLibraryTest {
  @Test
  void everyTrace_isReproducibleFromItsSeed_andItsSeedMatters() throws IOException {
    for (TraceLibrary.Entry entry : TraceLibrary.entries()) {
      assertEquals(text(entry.generate(60)), text(entry.generate(60)), entry.name());
    }
    TraceLibrary.Entry normal = TraceLibrary.find("verticalizer-normal").orElseThrow();
    TraceLibrary.Entry reseeded =
        new TraceLibrary.Entry(
            normal.name(), normal.kind(), normal.variant(), 99, 60, normal.description());
    assertNotEquals(text(normal.generate(60)), text(reseeded.generate(60)));
  }

  @Test
  void everySample_liesInsideItsSession_andInsideTheProfilesPhysicalRange() {
    for (TraceLibrary.Entry entry : TraceLibrary.entries()) {
      Trace trace = entry.generate(120);
      DeviceProfile profile = DeviceProfiles.builtIn(entry.kind());
      List<TraceEvent> buttons =
          trace.events().stream().filter(e -> e.name().equals("button")).toList();
      assertEquals(4, buttons.size(), entry.name() + ": a start press and a long stop press");
      long started = buttons.get(1).timeUs();
      long stopping = buttons.get(2).timeUs();
      assertTrue(stopping - started > 0 && buttons.get(3).timeUs() - stopping >= 2_000_000);
      for (int i = 0; i < trace.sampleCount(); i++) {
        String channel = trace.header().channels().get(trace.channel(i)).name();
        ChannelSpec spec = profile.requireChannel(channel);
        // the agent stops the session 2 s into the long press
        assertTrue(
            trace.timeUs(i) > started && trace.timeUs(i) < stopping + 1_900_000, entry.name());
        assertTrue(
            trace.value(i) >= spec.min() && trace.value(i) <= spec.max(),
            entry.name() + " " + channel + " " + trace.value(i));
      }
    }
  }

  @Test
  void aKindWithoutAModel_getsANormalSessionAndAnOverLimitTwin_fromItsProfileAlone() {
    DeviceProfile profile = DeviceProfiles.builtIn(new DeviceKind("phyto-barrel"));
    Trace normal = generate("phyto-barrel-normal");
    assertEquals(
        profile.channels().size(),
        normal.header().channels().size(),
        "every channel the profile feeds from a sensor");
    assertEquals(40, mean(normal, "steamTempC"), 1.0, "at the prescribed steam temperature");
    for (AlarmRuleSpec rule : profile.alarmRules()) {
      if (rule instanceof AlarmRuleSpec.Threshold t) {
        double worst = t.below() ? min(normal, t.channel()) : max(normal, t.channel());
        assertTrue(
            t.below() ? worst > t.limit() : worst < t.limit(),
            t.code() + " stays quiet in the normal session: " + worst);
      }
    }
    assertTrue(
        normal.events().stream().anyMatch(e -> e.arg().equals("lidClosed=closed")),
        "the lid is closed: its switch rule alarms when open");

    Trace over = generate("phyto-barrel-over-limit");
    assertTrue(max(over, "steamTempC") > 46, "past STEAM_TEMP_HIGH: " + max(over, "steamTempC"));
    assertTrue(valueAt(over, "steamTempC", 0.3) < 42, "below the limits until 40 % of the session");
  }

  @Test
  void verticalizer_normalAndItsTwins_showWhatTheyClaim() {
    Trace normal = generate("verticalizer-normal");
    assertEquals(60, max(normal, "tiltDeg"), 1.0, "tilt to about 60°");
    double hrRise = max(normal, "heartRate") - first(normal, "heartRate");
    assertTrue(hrRise >= 8 && hrRise <= 20, "HR rises 10-15 /min: " + hrRise);
    double left = mean(normal, "loadLeftKg");
    double right = mean(normal, "loadRightKg");
    assertTrue(left < right, "an asymmetry");
    double bearingAtTop = (max(normal, "loadLeftKg") + max(normal, "loadRightKg")) / 25;
    assertTrue(bearingAtTop > 0.6 && bearingAtTop < 0.9, "weight bearing " + bearingAtTop);
    assertTrue(min(normal, "spo2") >= 96);

    Trace orthostatic = generate("verticalizer-orthostatic");
    assertTrue(max(orthostatic, "heartRate") - first(orthostatic, "heartRate") >= 40);

    Trace vasovagal = generate("verticalizer-vasovagal");
    assertTrue(min(vasovagal, "heartRate") < first(vasovagal, "heartRate") - 25);
    assertTrue(min(vasovagal, "spo2") < 90);

    assertTrue(
        generate("verticalizer-estop").events().stream()
            .anyMatch(e -> e.name().equals("estop") && e.arg().equals("press")));
    assertTrue(
        generate("verticalizer-sensor-faults").events().stream()
            .filter(e -> e.name().equals("fault"))
            .map(TraceEvent::arg)
            .toList()
            .containsAll(List.of("sensorHub garbage 64", "sensorHub unplug", "sensorHub replug")));
  }

  @Test
  void trainerAndHydrotherapy_twinsShowWhatTheyClaim() {
    Trace trainer = generate("trainer-normal");
    assertEquals(1, max(trainer, "spasmCount"));
    assertTrue(max(trainer, "cadenceRpm") > 28 && max(trainer, "cadenceRpm") < 33);
    assertEquals(4, max(generate("trainer-spasms"), "spasmCount"));

    Trace bath = generate("hydro-normal");
    assertEquals(36, mean(bath, "bathTempC"), 0.3);
    assertTrue(max(bath, "jetPressureBar") > 1.9 && min(bath, "jetPressureBar") < 0.6);
    assertTrue(max(generate("hydro-overheating"), "bathTempC") >= 40.5);
    assertEquals(0, min(generate("hydro-loss-of-flow"), "flowLpm"));
    assertTrue(min(bath, "flowLpm") > 10);
  }

  private static Trace generate(String name) {
    return TraceLibrary.find(name).orElseThrow().generate(240);
  }

  private static String text(Trace trace) throws IOException {
    StringWriter out = new StringWriter();
    TraceFormat.write(trace, out);
    return out.toString();
  }

  private static double max(Trace trace, String channel) {
    return values(trace, channel).max().orElseThrow();
  }

  private static double min(Trace trace, String channel) {
    return values(trace, channel).min().orElseThrow();
  }

  private static double mean(Trace trace, String channel) {
    return values(trace, channel).average().orElseThrow();
  }

  /** The channel's first value at or after {@code fraction} of the trace's last sample time. */
  private static double valueAt(Trace trace, String channel, double fraction) {
    int index = trace.header().indexOf(channel);
    long at = (long) (trace.timeUs(trace.sampleCount() - 1) * fraction);
    return java.util.stream.IntStream.range(0, trace.sampleCount())
        .filter(i -> trace.channel(i) == index && trace.timeUs(i) >= at)
        .mapToDouble(trace::value)
        .findFirst()
        .orElseThrow();
  }

  private static double first(Trace trace, String channel) {
    return values(trace, channel).findFirst().orElseThrow();
  }

  private static java.util.stream.DoubleStream values(Trace trace, String channel) {
    int index = trace.header().indexOf(channel);
    return java.util.stream.IntStream.range(0, trace.sampleCount())
        .filter(i -> trace.channel(i) == index)
        .mapToDouble(trace::value);
  }
}
