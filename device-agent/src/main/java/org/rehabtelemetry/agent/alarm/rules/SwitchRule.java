package org.rehabtelemetry.agent.alarm.rules;

import org.rehabtelemetry.agent.alarm.AlarmSink;
import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.hardware.profile.AlarmRuleSpec;

/**
 * A contact switch in its alarming state (the water level switch open). Contact changes reach the
 * rules as readings of the switch's name: 1 closed (active), 0 open.
 */
final class SwitchRule extends ProfileRule<AlarmRuleSpec.SwitchState> {

  SwitchRule(AlarmRuleSpec.SwitchState spec, AlarmSink alarms) {
    super(spec, null, alarms);
  }

  @Override
  public boolean reads(String channel) {
    return spec.switchName().equals(channel);
  }

  @Override
  public void evaluate(Reading reading) {
    boolean closed = reading.value() > 0.5;
    if (closed == spec.alarmWhenClosed()) {
      raise(
          reading.value(),
          null,
          spec.switchName() + (closed ? " closed" : " open"),
          reading.nanos());
    } else {
      clear();
    }
  }
}
