package org.rehabtelemetry.agent.alarm.rules;

import java.util.Map;
import org.rehabtelemetry.agent.alarm.AlarmSink;
import org.rehabtelemetry.agent.alarm.AlarmSpec;
import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.hardware.profile.AlarmRuleSpec;

/**
 * Each step up of a counter channel is an event: raised and cleared at once, so it is journaled,
 * published and counted, and nobody has to clear it (a spasm the trainer counted).
 */
final class IncreaseRule implements AlarmRule {
  private final AlarmRuleSpec.Increase spec;
  private final AlarmSink alarms;
  private double last = Double.NaN;

  IncreaseRule(AlarmRuleSpec.Increase spec, AlarmSink alarms) {
    this.spec = spec;
    this.alarms = alarms;
  }

  @Override
  public String code() {
    return spec.code();
  }

  @Override
  public boolean sessionOnly() {
    return true;
  }

  @Override
  public boolean reads(String channel) {
    return spec.channel().equals(channel);
  }

  @Override
  public void sessionStarted(Map<String, Double> settings) {
    last = Double.NaN;
  }

  @Override
  public void evaluate(Reading reading) {
    double count = reading.value();
    if (!Double.isNaN(last) && count > last) {
      alarms.raise(
          AlarmSpec.condition(
              spec.code(),
              spec.priority(),
              spec.channel(),
              count,
              null,
              spec.channel() + " went up to " + Hysteresis.fmt(count)),
          reading.nanos());
      alarms.clear(spec.code());
    }
    last = count;
  }
}
