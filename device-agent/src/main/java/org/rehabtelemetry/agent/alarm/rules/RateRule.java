package org.rehabtelemetry.agent.alarm.rules;

import org.rehabtelemetry.agent.alarm.AlarmSink;
import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.hardware.profile.AlarmRuleSpec;

/**
 * A value changing faster than a limit per second (the table tilting faster than 3 °/s), measured
 * over at least 0.5 s so that sensor noise does not count as motion.
 */
final class RateRule extends ProfileRule<AlarmRuleSpec.Rate> {
  private static final long MIN_SPAN_NANOS = 500_000_000L;

  private Reading base;

  RateRule(AlarmRuleSpec.Rate spec, AlarmSink alarms) {
    super(spec, spec.channel(), alarms);
  }

  @Override
  public void evaluate(Reading reading) {
    if (base == null) {
      base = reading;
      return;
    }
    long elapsed = reading.nanos() - base.nanos();
    if (elapsed < MIN_SPAN_NANOS) {
      return;
    }
    double rate = Math.abs(reading.value() - base.value()) / (elapsed / 1e9);
    base = reading;
    double limit = spec.limitPerSecond();
    if (rate > limit) {
      raise(
          rate,
          limit,
          spec.channel()
              + " changing "
              + Hysteresis.fmt(rate)
              + "/s, limit "
              + Hysteresis.fmt(limit)
              + "/s",
          reading.nanos());
    } else if (rate <= limit - Hysteresis.of(limit)) {
      clear();
    }
  }
}
