package org.rehabtelemetry.agent.alarm;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.hardware.profile.AlarmLimit;

/**
 * The profile's alarm limits, evaluated on every reading. A BELOW/ABOVE limit clears once the value
 * is back by a hysteresis of 1 % of the limit (at least 0.5 units), so a value hovering at the
 * limit does not make the alarm flap. A RATE_ABOVE limit compares the change per second over at
 * least 0.5 s. Not thread-safe.
 */
public final class LimitRules {
  private final List<AlarmLimit> limits;
  private final AlarmManager alarms;
  private final Map<String, Reading> rateBase = new HashMap<>();

  public LimitRules(List<AlarmLimit> limits, AlarmManager alarms) {
    this.limits = List.copyOf(limits);
    this.alarms = alarms;
  }

  public void evaluate(Reading reading) {
    for (AlarmLimit limit : limits) {
      if (limit.channel().equals(reading.channel())) {
        evaluate(limit, reading);
      }
    }
  }

  private void evaluate(AlarmLimit limit, Reading reading) {
    double value = reading.value();
    double hysteresis = Math.max(0.5, Math.abs(limit.threshold()) * 0.01);
    switch (limit.condition()) {
      case BELOW -> {
        if (value < limit.threshold()) {
          raise(
              limit,
              reading,
              value,
              limit.channel() + " " + fmt(value) + " below " + fmt(limit.threshold()));
        } else if (value >= limit.threshold() + hysteresis) {
          alarms.clear(limit.code());
        }
      }
      case ABOVE -> {
        if (value > limit.threshold()) {
          raise(
              limit,
              reading,
              value,
              limit.channel() + " " + fmt(value) + " above " + fmt(limit.threshold()));
        } else if (value <= limit.threshold() - hysteresis) {
          alarms.clear(limit.code());
        }
      }
      case RATE_ABOVE -> {
        Reading base = rateBase.get(limit.code());
        if (base == null) {
          rateBase.put(limit.code(), reading);
          return;
        }
        long elapsed = reading.nanos() - base.nanos();
        if (elapsed < 500_000_000L) {
          return;
        }
        double rate = Math.abs(reading.value() - base.value()) / (elapsed / 1e9);
        rateBase.put(limit.code(), reading);
        if (rate > limit.threshold()) {
          raise(
              limit,
              reading,
              rate,
              limit.channel()
                  + " changing "
                  + fmt(rate)
                  + "/s, limit "
                  + fmt(limit.threshold())
                  + "/s");
        } else if (rate <= limit.threshold() - hysteresis) {
          alarms.clear(limit.code());
        }
      }
    }
  }

  private void raise(AlarmLimit limit, Reading reading, double value, String message) {
    alarms.raise(
        new AlarmSpec(
            limit.code(),
            limit.code(),
            limit.priority(),
            false,
            limit.channel(),
            value,
            limit.threshold(),
            message),
        reading.nanos());
  }

  static String fmt(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.format("%.1f", value);
  }
}
