package org.rehabtelemetry.agent.session;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.protocol.Metric;

/**
 * The session summary's clinical metrics (DOMAIN.md), computed incrementally from the readings
 * recorded while the session ran. A metric whose inputs never arrived is left out rather than
 * reported as zero. Not thread-safe.
 */
public final class SummaryCalculator {
  private static final long BASELINE_NANOS = 60_000_000_000L;

  private final DeviceKind kind;
  private final Map<String, Double> settings;
  private final Map<String, Stats> stats = new HashMap<>();
  private long runningNanos;
  private long runningSince = Long.MIN_VALUE;
  private long firstNanos = Long.MIN_VALUE;
  private double timeAtTargetNanos;
  private double revolutions;
  private double baselineHrSum;
  private int baselineHrCount;

  private static final class Stats {
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    double sum;
    long count;
    double first = Double.NaN;
    double last = Double.NaN;
    long lastNanos = Long.MIN_VALUE;

    void add(double value, long nanos) {
      min = Math.min(min, value);
      max = Math.max(max, value);
      sum += value;
      count++;
      if (Double.isNaN(first)) {
        first = value;
      }
      last = value;
      lastNanos = nanos;
    }

    double mean() {
      return sum / count;
    }
  }

  public SummaryCalculator(DeviceKind kind, Map<String, Double> settings) {
    this.kind = kind;
    this.settings = Map.copyOf(settings);
  }

  /** The session (re)started running at {@code nanos}. */
  public void running(long nanos) {
    if (runningSince == Long.MIN_VALUE) {
      runningSince = nanos;
    }
  }

  /** The session paused or ended at {@code nanos}. */
  public void notRunning(long nanos) {
    if (runningSince != Long.MIN_VALUE) {
      runningNanos += nanos - runningSince;
      runningSince = Long.MIN_VALUE;
    }
  }

  public void add(Reading reading) {
    if (firstNanos == Long.MIN_VALUE) {
      firstNanos = reading.nanos();
    }
    Stats channel = stats.computeIfAbsent(reading.channel(), c -> new Stats());
    long previousNanos = channel.lastNanos;
    double previous = channel.last;
    channel.add(reading.value(), reading.nanos());
    double dtSeconds =
        previousNanos == Long.MIN_VALUE ? 0 : (reading.nanos() - previousNanos) / 1e9;
    switch (reading.channel()) {
      case "tiltDeg" -> {
        double target = settings.getOrDefault("targetTiltDeg", 60.0);
        if (previousNanos != Long.MIN_VALUE && previous >= target - 2 && dtSeconds < 5) {
          timeAtTargetNanos += dtSeconds * 1e9;
        }
      }
      case "cadenceRpm" -> {
        if (previousNanos != Long.MIN_VALUE && dtSeconds < 5) {
          revolutions += Math.abs(previous) / 60 * dtSeconds;
        }
      }
      case "heartRate" -> {
        if (reading.nanos() - firstNanos < BASELINE_NANOS) {
          baselineHrSum += reading.value();
          baselineHrCount++;
        }
      }
      default -> {}
    }
  }

  /** The metrics, with units, as of {@code nanos}. */
  public Map<String, Metric> metrics(long nanos) {
    Map<String, Metric> metrics = new LinkedHashMap<>();
    long running = runningNanos + (runningSince == Long.MIN_VALUE ? 0 : nanos - runningSince);
    metrics.put("durationMin", new Metric(round(running / 60e9), "min"));
    switch (kind) {
      case VERTICALIZER -> verticalizer(metrics);
      case MOVEMENT_TRAINER -> trainer(metrics);
      case HYDROTHERAPY -> hydrotherapy(metrics);
    }
    vitals(metrics);
    return metrics;
  }

  private void verticalizer(Map<String, Metric> metrics) {
    Stats tilt = stats.get("tiltDeg");
    if (tilt != null) {
      metrics.put("maxTiltDeg", new Metric(round(tilt.max), "deg"));
      metrics.put("timeAtTargetTiltMin", new Metric(round(timeAtTargetNanos / 60e9), "min"));
    }
    Stats left = stats.get("loadLeftKg");
    Stats right = stats.get("loadRightKg");
    Double bodyWeight = settings.get("bodyWeightKg");
    if (left != null && right != null) {
      double l = left.mean();
      double r = right.mean();
      if (bodyWeight != null && bodyWeight > 0) {
        metrics.put("weightBearingLeftPct", new Metric(round(l / bodyWeight * 100), "%"));
        metrics.put("weightBearingRightPct", new Metric(round(r / bodyWeight * 100), "%"));
      }
      if (l + r > 0) {
        metrics.put("symmetryIndexPct", new Metric(round((r - l) / (0.5 * (r + l)) * 100), "%"));
      }
    }
    Stats hr = stats.get("heartRate");
    if (hr != null && baselineHrCount > 0) {
      double baseline = baselineHrSum / baselineHrCount;
      metrics.put("baselineHr", new Metric(round(baseline), "/min"));
      metrics.put("peakHrRise", new Metric(round(hr.max - baseline), "/min"));
    }
  }

  private void trainer(Map<String, Metric> metrics) {
    Stats cadence = stats.get("cadenceRpm");
    if (cadence != null) {
      metrics.put("meanCadenceRpm", new Metric(round(cadence.mean()), "rpm"));
      metrics.put("distanceRev", new Metric(round(revolutions), "rev"));
    }
    Stats power = stats.get("powerW");
    if (power != null) {
      metrics.put("meanPowerW", new Metric(round(power.mean()), "W"));
    }
    Stats share = stats.get("leftSharePct");
    if (share != null) {
      metrics.put("meanLeftSharePct", new Metric(round(share.mean()), "%"));
    }
    Stats spasm = stats.get("spasmCount");
    if (spasm != null) {
      metrics.put("spasmCount", new Metric(spasm.last - spasm.first, "count"));
    }
  }

  private void hydrotherapy(Map<String, Metric> metrics) {
    Stats bath = stats.get("bathTempC");
    if (bath != null) {
      metrics.put("meanBathTempC", new Metric(round(bath.mean()), "°C"));
      metrics.put("maxBathTempC", new Metric(round(bath.max), "°C"));
    }
    Stats jet = stats.get("jetPressureBar");
    if (jet != null) {
      metrics.put("maxJetPressureBar", new Metric(round(jet.max), "bar"));
    }
    Stats flow = stats.get("flowLpm");
    if (flow != null) {
      metrics.put("meanFlowLpm", new Metric(round(flow.mean()), "L/min"));
    }
  }

  private void vitals(Map<String, Metric> metrics) {
    Stats hr = stats.get("heartRate");
    if (hr != null) {
      metrics.put("peakHr", new Metric(round(hr.max), "/min"));
    }
    Stats spo2 = stats.get("spo2");
    if (spo2 != null) {
      metrics.put("minSpo2", new Metric(round(spo2.min), "%"));
    }
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
