package org.rehabtelemetry.agent.alarm.rules;

import java.util.Map;
import org.rehabtelemetry.hardware.Reading;

/**
 * One alarm rule of a device profile, turned from its data ({@code AlarmRuleSpec}) into behaviour.
 * A rule reads the readings of its channels and raises or clears one condition through an {@link
 * AlarmSink}. Not thread-safe; {@link AlarmRules} serialises calls.
 */
interface AlarmRule {
  /** The wire code, which is also the condition's key. */
  String code();

  /** Whether it runs only while a session runs. */
  boolean sessionOnly();

  /** Whether it reads {@code channel}. */
  boolean reads(String channel);

  /** A session started with these programme settings (the session's context, its baseline). */
  default void sessionStarted(Map<String, Double> settings) {}

  /** Evaluates a reading of one of its channels. */
  void evaluate(Reading reading);
}
