package org.rehabtelemetry.agent.alarm.rules;

import org.rehabtelemetry.agent.alarm.AlarmSink;
import org.rehabtelemetry.agent.alarm.AlarmSpec;
import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.hardware.profile.AlarmRuleSpec;

/**
 * A contact switch in its alarming state (the water level switch open). Contact changes reach the
 * rules as readings of the switch's name: 1 closed (active), 0 open.
 */
final class SwitchRule implements AlarmRule {
  private final AlarmRuleSpec.SwitchState spec;
  private final AlarmSink alarms;

  SwitchRule(AlarmRuleSpec.SwitchState spec, AlarmSink alarms) {
    this.spec = spec;
    this.alarms = alarms;
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
    return spec.switchName().equals(channel);
  }

  @Override
  public void evaluate(Reading reading) {
    boolean closed = reading.value() > 0.5;
    if (closed == spec.alarmWhenClosed()) {
      alarms.raise(
          AlarmSpec.condition(
              spec.code(),
              spec.priority(),
              null,
              reading.value(),
              null,
              spec.switchName() + (closed ? " closed" : " open")),
          reading.nanos());
    } else {
      alarms.clear(spec.code());
    }
  }
}
