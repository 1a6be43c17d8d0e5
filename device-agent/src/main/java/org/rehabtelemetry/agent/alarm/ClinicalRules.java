package org.rehabtelemetry.agent.alarm;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.protocol.AlarmPriority;
import org.rehabtelemetry.protocol.DeviceKind;

/**
 * Rules that need the session's context, from DOMAIN.md; evaluated only while a session runs:
 *
 * <ul>
 *   <li>verticalizer: heart rate 40/min or more above the supine baseline (the mean of the first 60
 *       s) → medium {@code HR_RISE} (orthostatic intolerance); heart rate 20/min or more below its
 *       peak of the last 2 minutes while SpO₂ is 4 % or more below its baseline → high {@code
 *       VASOVAGAL};
 *   <li>movement trainer: each spasm (the trainer's spasm counter going up) → low {@code SPASM},
 *       and 3 in 60 s → medium {@code SPASM_REPEATED};
 *   <li>hydrotherapy: water more than 1 °C over the prescribed {@code waterTempC} → medium {@code
 *       WATER_TEMP_OVER_PRESCRIBED}; flow below 1 L/min after it has run → medium {@code
 *       FLOW_LOST}.
 * </ul>
 *
 * Not thread-safe; one instance per session.
 */
public final class ClinicalRules {
  private static final long BASELINE_NANOS = 60_000_000_000L;
  private static final long SPASM_WINDOW_NANOS = 60_000_000_000L;

  private final DeviceKind kind;
  private final Map<String, Double> settings;
  private final AlarmManager alarms;
  private long sessionStartNanos = Long.MIN_VALUE;
  private double baselineSum;
  private int baselineCount;
  private double lastSpasmCount = Double.NaN;
  private final Deque<double[]> recentHr = new ArrayDeque<>();
  private double spo2BaselineSum;
  private int spo2BaselineCount;
  private double lastSpo2 = Double.NaN;
  private boolean flowSeen;
  private final Deque<Long> spasms = new ArrayDeque<>();

  public ClinicalRules(DeviceKind kind, Map<String, Double> settings, AlarmManager alarms) {
    this.kind = kind;
    this.settings = Map.copyOf(settings);
    this.alarms = alarms;
  }

  public void evaluate(Reading reading) {
    if (sessionStartNanos == Long.MIN_VALUE) {
      sessionStartNanos = reading.nanos();
    }
    switch (kind) {
      case VERTICALIZER -> {
        heartRateRise(reading);
        vasovagal(reading);
      }
      case MOVEMENT_TRAINER -> spasms(reading);
      case HYDROTHERAPY -> {
        prescribedTemperature(reading);
        flow(reading);
      }
    }
  }

  private void heartRateRise(Reading reading) {
    if (!reading.channel().equals("heartRate")) {
      return;
    }
    if (reading.nanos() - sessionStartNanos < BASELINE_NANOS) {
      baselineSum += reading.value();
      baselineCount++;
      return;
    }
    if (baselineCount == 0) {
      return;
    }
    double baseline = baselineSum / baselineCount;
    double rise = reading.value() - baseline;
    if (rise >= 40) {
      alarms.raise(
          new AlarmSpec(
              "HR_RISE",
              "HR_RISE",
              AlarmPriority.MEDIUM,
              false,
              "heartRate",
              reading.value(),
              baseline + 40,
              "Heart rate "
                  + LimitRules.fmt(reading.value())
                  + "/min, "
                  + LimitRules.fmt(rise)
                  + " above the supine baseline "
                  + LimitRules.fmt(baseline)),
          reading.nanos());
    } else if (rise < 35) {
      alarms.clear("HR_RISE");
    }
  }

  private void vasovagal(Reading reading) {
    boolean inBaseline = reading.nanos() - sessionStartNanos < BASELINE_NANOS;
    if (reading.channel().equals("spo2")) {
      lastSpo2 = reading.value();
      if (inBaseline) {
        spo2BaselineSum += reading.value();
        spo2BaselineCount++;
      }
      return;
    }
    if (!reading.channel().equals("heartRate")) {
      return;
    }
    recentHr.addLast(new double[] {reading.nanos(), reading.value()});
    while (reading.nanos() - (long) recentHr.peekFirst()[0] > 2 * BASELINE_NANOS) {
      recentHr.removeFirst();
    }
    if (inBaseline || spo2BaselineCount == 0 || Double.isNaN(lastSpo2)) {
      return;
    }
    double peak = recentHr.stream().mapToDouble(sample -> sample[1]).max().orElse(reading.value());
    double hrDrop = peak - reading.value();
    double spo2Drop = spo2BaselineSum / spo2BaselineCount - lastSpo2;
    if (hrDrop >= 20 && spo2Drop >= 4) {
      alarms.raise(
          new AlarmSpec(
              "VASOVAGAL",
              "VASOVAGAL",
              AlarmPriority.HIGH,
              false,
              "heartRate",
              reading.value(),
              peak - 20,
              "Heart rate falling ("
                  + LimitRules.fmt(hrDrop)
                  + "/min below its peak) with SpO2 falling ("
                  + LimitRules.fmt(spo2Drop)
                  + " % below baseline): possible vasovagal reaction"),
          reading.nanos());
    } else if (hrDrop < 10 && spo2Drop < 2) {
      alarms.clear("VASOVAGAL");
    }
  }

  private void flow(Reading reading) {
    if (!reading.channel().equals("flowLpm")) {
      return;
    }
    if (reading.value() >= 1) {
      flowSeen = true;
      alarms.clear("FLOW_LOST");
    } else if (flowSeen) {
      alarms.raise(
          new AlarmSpec(
              "FLOW_LOST",
              "FLOW_LOST",
              AlarmPriority.MEDIUM,
              false,
              "flowLpm",
              reading.value(),
              1.0,
              "Loss of flow: " + LimitRules.fmt(reading.value()) + " L/min"),
          reading.nanos());
    }
  }

  private void spasms(Reading reading) {
    if (!reading.channel().equals("spasmCount")) {
      return;
    }
    double count = reading.value();
    if (!Double.isNaN(lastSpasmCount) && count > lastSpasmCount) {
      alarms.raise(
          new AlarmSpec(
              "SPASM",
              "SPASM",
              AlarmPriority.LOW,
              false,
              "spasmCount",
              count,
              null,
              "Spasm: the trainer stopped and reversed"),
          reading.nanos());
      alarms.clear("SPASM");
      spasms.addLast(reading.nanos());
    }
    lastSpasmCount = count;
    while (!spasms.isEmpty() && reading.nanos() - spasms.peekFirst() > SPASM_WINDOW_NANOS) {
      spasms.removeFirst();
    }
    if (spasms.size() >= 3) {
      alarms.raise(
          new AlarmSpec(
              "SPASM_REPEATED",
              "SPASM_REPEATED",
              AlarmPriority.MEDIUM,
              false,
              "spasmCount",
              (double) spasms.size(),
              3.0,
              spasms.size() + " spasms within 60 s"),
          reading.nanos());
    } else {
      alarms.clear("SPASM_REPEATED");
    }
  }

  private void prescribedTemperature(Reading reading) {
    Double prescribed = settings.get("waterTempC");
    if (prescribed == null || !reading.channel().equals("bathTempC")) {
      return;
    }
    if (reading.value() > prescribed + 1) {
      alarms.raise(
          new AlarmSpec(
              "WATER_TEMP_OVER_PRESCRIBED",
              "WATER_TEMP_OVER_PRESCRIBED",
              AlarmPriority.MEDIUM,
              false,
              "bathTempC",
              reading.value(),
              prescribed + 1,
              "Water "
                  + LimitRules.fmt(reading.value())
                  + " °C, more than 1 °C over the prescribed "
                  + LimitRules.fmt(prescribed)
                  + " °C"),
          reading.nanos());
    } else if (reading.value() <= prescribed + 0.5) {
      alarms.clear("WATER_TEMP_OVER_PRESCRIBED");
    }
  }
}
