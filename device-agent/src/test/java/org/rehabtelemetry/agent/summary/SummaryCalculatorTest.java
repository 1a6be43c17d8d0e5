package org.rehabtelemetry.agent.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.hardware.profile.DeviceProfiles;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.protocol.Metric;

/** The summary metrics as the built-in profiles list them, on readings worked out by hand. */
class SummaryCalculatorTest {
  private static final long S = 1_000_000_000L;

  @Test
  void verticalizer_tiltLoadsAndHeartRate_giveTheStandingMetrics() {
    SummaryCalculator summary =
        new SummaryCalculator(
            DeviceProfiles.builtIn(DeviceKind.VERTICALIZER).summary(),
            Map.of("targetTiltDeg", 60.0, "bodyWeightKg", 25.0));
    summary.running(0);
    for (int t = 0; t < 120; t++) {
      summary.add(new Reading("tiltDeg", t < 60 ? 30 : 60, t * S));
      summary.add(new Reading("loadLeftKg", 10, t * S));
      summary.add(new Reading("loadRightKg", 15, t * S));
      summary.add(new Reading("heartRate", t < 60 ? 90 : 120, t * S));
      summary.add(new Reading("spo2", t < 60 ? 97 : 95, t * S));
    }
    summary.notRunning(120 * S);
    Map<String, Metric> metrics = summary.metrics(130 * S);

    assertEquals(new Metric(2.0, "min"), metrics.get("durationMin"), "running time only");
    assertEquals(60, value(metrics, "maxTiltDeg"));
    assertEquals(0.98, value(metrics, "timeAtTargetTiltMin"), "59 one-second steps at 60°");
    assertEquals(40, value(metrics, "weightBearingLeftPct"), "10 of 25 kg");
    assertEquals(60, value(metrics, "weightBearingRightPct"));
    assertEquals(40, value(metrics, "symmetryIndexPct"), "(15 - 10) / 12.5 x 100");
    assertEquals(90, value(metrics, "baselineHr"), "the first 60 s");
    assertEquals(30, value(metrics, "peakHrRise"));
    assertEquals(120, value(metrics, "peakHr"));
    assertEquals(95, value(metrics, "minSpo2"));
  }

  @Test
  void trainer_distanceIsTheCadencesIntegral_spasmsTheCountersIncrease_pausesExcluded() {
    SummaryCalculator summary =
        new SummaryCalculator(
            DeviceProfiles.builtIn(DeviceKind.MOVEMENT_TRAINER).summary(), Map.of());
    summary.running(0);
    for (int t = 0; t <= 60; t++) {
      summary.add(new Reading("cadenceRpm", t < 30 ? 30 : -30, t * S));
      summary.add(new Reading("spasmCount", t < 20 ? 2 : 5, t * S));
    }
    summary.notRunning(60 * S);
    summary.running(90 * S);
    Map<String, Metric> metrics = summary.metrics(120 * S);

    assertEquals(1.5, value(metrics, "durationMin"), "60 s, a 30 s pause, 30 s more");
    assertEquals(30, value(metrics, "distanceRev"), "60 s at 30 rpm either way round");
    assertEquals(3, value(metrics, "spasmCount"));
    assertFalse(metrics.containsKey("peakHr"), "no heart rate arrived: left out, not zero");
  }

  @Test
  void phytoBarrel_fromYamlAlone_givesItsOwnMetrics() {
    SummaryCalculator summary =
        new SummaryCalculator(
            DeviceProfiles.builtIn(new DeviceKind("phyto-barrel")).summary(),
            Map.of("steamTempC", 40.0));
    summary.running(0);
    for (int t = 0; t <= 120; t++) {
      summary.add(new Reading("steamTempC", t <= 60 ? 39.5 : 41, t * S));
    }
    Map<String, Metric> metrics = summary.metrics(120 * S);

    assertEquals(new Metric(41, "°C"), metrics.get("maxSteamTempC"));
    assertEquals(
        2.0, value(metrics, "timeAtPrescribedMin"), "39.5 is within the 1 °C tolerance of 40");
  }

  private static double value(Map<String, Metric> metrics, String name) {
    Metric metric = metrics.get(name);
    if (metric == null) {
      throw new AssertionError(name + " missing from " + metrics);
    }
    return metric.value();
  }
}
