package org.rehabtelemetry.agent.alarm.rules;

import java.util.Map;
import org.rehabtelemetry.agent.alarm.AlarmSink;
import org.rehabtelemetry.agent.alarm.AlarmSpec;
import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.hardware.profile.AlarmRuleSpec;

/**
 * The value below {@code below} after it had been at or above it in this session: the flow was lost
 * (no flow yet at the start is not a loss). Clears when it is back.
 */
final class LostAfterSeenRule implements AlarmRule {
  private final AlarmRuleSpec.LostAfterSeen spec;
  private final AlarmSink alarms;
  private boolean seen;

  LostAfterSeenRule(AlarmRuleSpec.LostAfterSeen spec, AlarmSink alarms) {
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
    seen = false;
  }

  @Override
  public void evaluate(Reading reading) {
    if (reading.value() >= spec.below()) {
      seen = true;
      alarms.clear(spec.code());
    } else if (seen) {
      alarms.raise(
          AlarmSpec.condition(
              spec.code(),
              spec.priority(),
              spec.channel(),
              reading.value(),
              spec.below(),
              spec.channel()
                  + " lost: "
                  + Hysteresis.fmt(reading.value())
                  + ", below "
                  + Hysteresis.fmt(spec.below())),
          reading.nanos());
    }
  }
}
