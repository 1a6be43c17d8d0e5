package org.rehabtelemetry.agent.alarm.rules;

import java.util.Map;
import org.rehabtelemetry.agent.alarm.AlarmSink;
import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.hardware.profile.AlarmRuleSpec;

/**
 * The value below {@code below} after it had been at or above it in this session: the flow was lost
 * (no flow yet at the start is not a loss). Clears when it is back.
 */
final class LostAfterSeenRule extends ProfileRule<AlarmRuleSpec.LostAfterSeen> {
  private boolean seen;

  LostAfterSeenRule(AlarmRuleSpec.LostAfterSeen spec, AlarmSink alarms) {
    super(spec, spec.channel(), alarms);
  }

  @Override
  public void sessionStarted(Map<String, Double> settings) {
    seen = false;
  }

  @Override
  public void evaluate(Reading reading) {
    if (reading.value() >= spec.below()) {
      seen = true;
      clear();
    } else if (seen) {
      raise(
          reading.value(),
          spec.below(),
          spec.channel()
              + " lost: "
              + Hysteresis.fmt(reading.value())
              + ", below "
              + Hysteresis.fmt(spec.below()),
          reading.nanos());
    }
  }
}
