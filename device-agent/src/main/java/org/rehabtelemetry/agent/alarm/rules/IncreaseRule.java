package org.rehabtelemetry.agent.alarm.rules;

import java.util.Map;
import org.rehabtelemetry.agent.alarm.AlarmSink;
import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.hardware.profile.AlarmRuleSpec;

/**
 * Each step up of a counter channel is an event: raised and cleared at once, so it is journaled,
 * published and counted, and nobody has to clear it (a spasm the trainer counted).
 */
final class IncreaseRule extends ProfileRule<AlarmRuleSpec.Increase> {
  private double last = Double.NaN;

  IncreaseRule(AlarmRuleSpec.Increase spec, AlarmSink alarms) {
    super(spec, spec.channel(), alarms);
  }

  @Override
  public void sessionStarted(Map<String, Double> settings) {
    last = Double.NaN;
  }

  @Override
  public void evaluate(Reading reading) {
    double count = reading.value();
    if (!Double.isNaN(last) && count > last) {
      raise(count, null, spec.channel() + " went up to " + Hysteresis.fmt(count), reading.nanos());
      clear();
    }
    last = count;
  }
}
