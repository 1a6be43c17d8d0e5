package org.rehabtelemetry.agent.alarm.rules;

import java.util.Map;
import org.rehabtelemetry.agent.alarm.AlarmSink;
import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.hardware.profile.AlarmRuleSpec;

/**
 * The value more than {@code margin} above a programme setting of the running session (the bath
 * more than 1 °C over its prescribed temperature); clears at half the margin. A session without
 * that setting has nothing to compare with and raises nothing.
 */
final class AboveSettingRule extends ProfileRule<AlarmRuleSpec.AboveSetting> {
  private final double margin;
  private Double prescribed;

  AboveSettingRule(AlarmRuleSpec.AboveSetting spec, AlarmSink alarms, double margin) {
    super(spec, spec.channel(), alarms);
    this.margin = margin;
  }

  @Override
  public void sessionStarted(Map<String, Double> settings) {
    prescribed = settings.get(spec.setting());
  }

  @Override
  public void evaluate(Reading reading) {
    if (prescribed == null) {
      return;
    }
    double value = reading.value();
    if (value > prescribed + margin) {
      raise(
          value,
          prescribed + margin,
          spec.channel()
              + " "
              + Hysteresis.fmt(value)
              + ", more than "
              + Hysteresis.fmt(margin)
              + " over the prescribed "
              + Hysteresis.fmt(prescribed),
          reading.nanos());
    } else if (value <= prescribed + margin / 2) {
      clear();
    }
  }
}
