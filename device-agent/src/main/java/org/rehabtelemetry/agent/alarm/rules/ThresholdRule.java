package org.rehabtelemetry.agent.alarm.rules;

import org.rehabtelemetry.agent.alarm.AlarmSink;
import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.hardware.profile.AlarmRuleSpec;

/**
 * A value below or above a limit (SpO₂ below 90 %, the bath above 40 °C). Clears once the value is
 * back by the {@linkplain Hysteresis hysteresis}, so a value hovering at the limit does not flap.
 */
final class ThresholdRule extends ProfileRule<AlarmRuleSpec.Threshold> {
  private final double limit;

  ThresholdRule(AlarmRuleSpec.Threshold spec, AlarmSink alarms, double limit) {
    super(spec, spec.channel(), alarms);
    this.limit = limit;
  }

  @Override
  public void evaluate(Reading reading) {
    double value = reading.value();
    boolean crossed = spec.below() ? value < limit : value > limit;
    boolean back =
        spec.below()
            ? value >= limit + Hysteresis.of(limit)
            : value <= limit - Hysteresis.of(limit);
    if (crossed) {
      raise(
          value,
          limit,
          spec.channel()
              + " "
              + Hysteresis.fmt(value)
              + (spec.below() ? " below " : " above ")
              + Hysteresis.fmt(limit),
          reading.nanos());
    } else if (back) {
      clear();
    }
  }
}
