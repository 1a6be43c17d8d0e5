package org.rehabtelemetry.agent.alarm.rules;

import org.rehabtelemetry.agent.alarm.AlarmSink;
import org.rehabtelemetry.agent.alarm.AlarmSpec;
import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.hardware.profile.AlarmRuleSpec;

/**
 * A value below or above a limit (SpO₂ below 90 %, the bath above 40 °C). Clears once the value is
 * back by the {@linkplain Hysteresis hysteresis}, so a value hovering at the limit does not flap.
 */
final class ThresholdRule implements AlarmRule {
  private final AlarmRuleSpec.Threshold spec;
  private final AlarmSink alarms;
  private final double limit;

  ThresholdRule(AlarmRuleSpec.Threshold spec, AlarmSink alarms, double limit) {
    this.spec = spec;
    this.alarms = alarms;
    this.limit = limit;
  }

  @Override
  public String code() {
    return spec.code();
  }

  @Override
  public boolean sessionOnly() {
    return false;
  }

  @Override
  public boolean reads(String channel) {
    return spec.channel().equals(channel);
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
      alarms.raise(
          AlarmSpec.condition(
              spec.code(),
              spec.priority(),
              spec.channel(),
              value,
              limit,
              spec.channel()
                  + " "
                  + Hysteresis.fmt(value)
                  + (spec.below() ? " below " : " above ")
                  + Hysteresis.fmt(limit)),
          reading.nanos());
    } else if (back) {
      alarms.clear(spec.code());
    }
  }
}
