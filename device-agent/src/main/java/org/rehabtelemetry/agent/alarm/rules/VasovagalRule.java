package org.rehabtelemetry.agent.alarm.rules;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.rehabtelemetry.agent.alarm.AlarmSink;
import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.hardware.profile.AlarmRuleSpec;

/**
 * The vasovagal pattern: heart rate {@code hrDrop} or more below its peak of the last {@code
 * peakWindow} while SpO₂ is {@code spo2Drop} or more below its mean over the session's first {@code
 * baseline}. Clears when heart rate is within half the drop of its peak and SpO₂ within half its
 * drop of the baseline.
 */
final class VasovagalRule extends ProfileRule<AlarmRuleSpec.Vasovagal> {
  private final Deque<long[]> recentHr = new ArrayDeque<>();
  private long startNanos = Long.MIN_VALUE;
  private double spo2Sum;
  private int spo2Count;
  private double lastSpo2 = Double.NaN;

  VasovagalRule(AlarmRuleSpec.Vasovagal spec, AlarmSink alarms) {
    super(spec, spec.heartRateChannel(), alarms);
  }

  @Override
  public boolean reads(String channel) {
    return spec.heartRateChannel().equals(channel) || spec.spo2Channel().equals(channel);
  }

  @Override
  public void sessionStarted(Map<String, Double> settings) {
    startNanos = Long.MIN_VALUE;
    spo2Sum = 0;
    spo2Count = 0;
    lastSpo2 = Double.NaN;
    recentHr.clear();
  }

  @Override
  public void evaluate(Reading reading) {
    if (startNanos == Long.MIN_VALUE) {
      startNanos = reading.nanos();
    }
    boolean inBaseline = reading.nanos() - startNanos < spec.baseline().toNanos();
    if (reading.channel().equals(spec.spo2Channel())) {
      lastSpo2 = reading.value();
      if (inBaseline) {
        spo2Sum += reading.value();
        spo2Count++;
      }
      return;
    }
    recentHr.addLast(new long[] {reading.nanos(), Double.doubleToLongBits(reading.value())});
    while (reading.nanos() - recentHr.peekFirst()[0] > spec.peakWindow().toNanos()) {
      recentHr.removeFirst();
    }
    if (inBaseline || spo2Count == 0 || Double.isNaN(lastSpo2)) {
      return;
    }
    double peak = reading.value();
    for (long[] sample : recentHr) {
      peak = Math.max(peak, Double.longBitsToDouble(sample[1]));
    }
    double hrDrop = peak - reading.value();
    double spo2Drop = spo2Sum / spo2Count - lastSpo2;
    if (hrDrop >= spec.hrDrop() && spo2Drop >= spec.spo2Drop()) {
      raise(
          reading.value(),
          peak - spec.hrDrop(),
          "Heart rate falling ("
              + Hysteresis.fmt(hrDrop)
              + "/min below its peak) with SpO2 falling ("
              + Hysteresis.fmt(spo2Drop)
              + " % below baseline): possible vasovagal reaction",
          reading.nanos());
    } else if (hrDrop < spec.hrDrop() / 2 && spo2Drop < spec.spo2Drop() / 2) {
      clear();
    }
  }
}
