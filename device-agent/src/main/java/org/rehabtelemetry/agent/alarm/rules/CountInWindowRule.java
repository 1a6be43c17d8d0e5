package org.rehabtelemetry.agent.alarm.rules;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.rehabtelemetry.agent.alarm.AlarmSink;
import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.hardware.profile.AlarmRuleSpec;

/**
 * {@code count} or more steps up of a counter channel within {@code window} (3 spasms in 60 s);
 * clears when fewer remain in the window.
 */
final class CountInWindowRule extends ProfileRule<AlarmRuleSpec.CountInWindow> {
  private final Deque<Long> steps = new ArrayDeque<>();
  private double last = Double.NaN;

  CountInWindowRule(AlarmRuleSpec.CountInWindow spec, AlarmSink alarms) {
    super(spec, spec.channel(), alarms);
  }

  @Override
  public void sessionStarted(Map<String, Double> settings) {
    last = Double.NaN;
    steps.clear();
  }

  @Override
  public void evaluate(Reading reading) {
    if (!Double.isNaN(last) && reading.value() > last) {
      steps.addLast(reading.nanos());
    }
    last = reading.value();
    while (!steps.isEmpty() && reading.nanos() - steps.peekFirst() > spec.window().toNanos()) {
      steps.removeFirst();
    }
    if (steps.size() >= spec.count()) {
      raise(
          steps.size(),
          (double) spec.count(),
          steps.size()
              + " steps of "
              + spec.channel()
              + " within "
              + spec.window().toSeconds()
              + " s",
          reading.nanos());
    } else {
      clear();
    }
  }
}
