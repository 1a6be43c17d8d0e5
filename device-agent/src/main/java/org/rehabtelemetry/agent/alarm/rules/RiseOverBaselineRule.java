package org.rehabtelemetry.agent.alarm.rules;

import org.rehabtelemetry.agent.alarm.AlarmSink;
import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.hardware.profile.AlarmRuleSpec;

/**
 * The value {@code rise} or more above its mean over the session's first {@code baseline}:
 * orthostatic intolerance on a verticalizer (heart rate +40 /min over the supine baseline), heat
 * stress in a phyto barrel. Clears below {@code rise - clearMargin}. The baseline starts with the
 * session's first reading of the channel.
 */
final class RiseOverBaselineRule extends ProfileRule<AlarmRuleSpec.RiseOverBaseline> {
  private final double rise;
  private long startNanos = Long.MIN_VALUE;
  private double sum;
  private int count;

  RiseOverBaselineRule(AlarmRuleSpec.RiseOverBaseline spec, AlarmSink alarms, double rise) {
    super(spec, spec.channel(), alarms);
    this.rise = rise;
  }

  @Override
  public void sessionStarted(java.util.Map<String, Double> settings) {
    startNanos = Long.MIN_VALUE;
    sum = 0;
    count = 0;
  }

  @Override
  public void evaluate(Reading reading) {
    if (startNanos == Long.MIN_VALUE) {
      startNanos = reading.nanos();
    }
    if (reading.nanos() - startNanos < spec.baseline().toNanos()) {
      sum += reading.value();
      count++;
      return;
    }
    if (count == 0) {
      return;
    }
    double baseline = sum / count;
    double above = reading.value() - baseline;
    if (above >= rise) {
      raise(
          reading.value(),
          baseline + rise,
          spec.channel()
              + " "
              + Hysteresis.fmt(reading.value())
              + ", "
              + Hysteresis.fmt(above)
              + " above the session's baseline "
              + Hysteresis.fmt(baseline),
          reading.nanos());
    } else if (above < rise - spec.clearMargin()) {
      clear();
    }
  }
}
