package org.rehabtelemetry.agent.alarm.rules;

import org.rehabtelemetry.agent.alarm.AlarmSink;
import org.rehabtelemetry.agent.alarm.AlarmSpec;
import org.rehabtelemetry.hardware.profile.AlarmRuleSpec;

/**
 * What every rule built from a profile shares: its code and scope from the spec, the channel it
 * reads (and names in its alarm), and raising or clearing its one condition. A subclass says only
 * when. Not thread-safe; {@link AlarmRules} serialises calls.
 *
 * @param <S> the rule's spec type
 */
abstract class ProfileRule<S extends AlarmRuleSpec> implements AlarmRule {
  protected final S spec;
  private final String channel;
  private final AlarmSink alarms;

  /**
   * @param channel the channel it reads and names in its alarm, or null if it names none
   */
  ProfileRule(S spec, String channel, AlarmSink alarms) {
    this.spec = spec;
    this.channel = channel;
    this.alarms = alarms;
  }

  @Override
  public final String code() {
    return spec.code();
  }

  @Override
  public final boolean sessionOnly() {
    return spec.sessionOnly();
  }

  @Override
  public boolean reads(String name) {
    return name.equals(channel);
  }

  /** Raises (or keeps) the condition. */
  final void raise(double value, Double limit, String message, long nanos) {
    alarms.raise(
        AlarmSpec.condition(spec.code(), spec.priority(), channel, value, limit, message), nanos);
  }

  /** Clears the condition (nothing if it is not raised). */
  final void clear() {
    alarms.clear(spec.code());
  }
}
