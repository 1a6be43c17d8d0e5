package org.rehabtelemetry.hardware.profile;

import java.time.Duration;
import org.rehabtelemetry.protocol.AlarmPriority;

/**
 * One alarm rule of a device profile, as data: the agent turns each into a rule object of its type
 * (docs/alarms.md lists every type with its reasoning). A new device kind combines these types in
 * YAML; only a new type needs Java.
 *
 * <p>Every rule has a wire {@code code}, an IEC 60601-1-8 {@code priority} and a scope: rules on a
 * physical limit ({@link Threshold}, {@link Rate}, {@link SwitchState}) watch the device always,
 * even idle (a bath is hot whether or not a session runs); rules that need the session's context
 * (its baseline, its programme settings) watch only while a session runs.
 */
public sealed interface AlarmRuleSpec {
  /** The alarm code on the wire, e.g. {@code SPO2_LOW}. */
  String code();

  AlarmPriority priority();

  /** Whether the rule runs only while a session runs (it needs the session's context). */
  boolean sessionOnly();

  /**
   * {@code value < limit} ({@code below}) or {@code value > limit} ({@code above}); clears once the
   * value is back by 1 % of the limit (at least 0.5 units), so a value at the limit does not flap.
   */
  record Threshold(String code, String channel, boolean below, double limit, AlarmPriority priority)
      implements AlarmRuleSpec {
    @Override
    public boolean sessionOnly() {
      return false;
    }
  }

  /** |change per second| over at least 0.5 s above {@code limitPerSecond}. */
  record Rate(String code, String channel, double limitPerSecond, AlarmPriority priority)
      implements AlarmRuleSpec {
    @Override
    public boolean sessionOnly() {
      return false;
    }
  }

  /**
   * The value {@code rise} or more above its mean over the session's first {@code baseline}
   * (orthostatic intolerance: heart rate +40 /min over the supine baseline); clears below {@code
   * rise - clearMargin}.
   */
  record RiseOverBaseline(
      String code,
      String channel,
      double rise,
      Duration baseline,
      double clearMargin,
      AlarmPriority priority)
      implements AlarmRuleSpec {
    @Override
    public boolean sessionOnly() {
      return true;
    }
  }

  /**
   * Heart rate {@code hrDrop} or more below its peak of the last {@code peakWindow} while SpO₂ is
   * {@code spo2Drop} or more below its session baseline: the vasovagal pattern.
   */
  record Vasovagal(
      String code,
      String heartRateChannel,
      String spo2Channel,
      double hrDrop,
      double spo2Drop,
      Duration baseline,
      Duration peakWindow,
      AlarmPriority priority)
      implements AlarmRuleSpec {
    @Override
    public boolean sessionOnly() {
      return true;
    }
  }

  /**
   * Each step up of a counter channel (a spasm the trainer counted): raised and cleared at once.
   */
  record Increase(String code, String channel, AlarmPriority priority) implements AlarmRuleSpec {
    @Override
    public boolean sessionOnly() {
      return true;
    }
  }

  /** {@code count} or more steps up of a counter channel within {@code window}. */
  record CountInWindow(
      String code, String channel, int count, Duration window, AlarmPriority priority)
      implements AlarmRuleSpec {
    @Override
    public boolean sessionOnly() {
      return true;
    }
  }

  /**
   * The value more than {@code margin} above the programme setting {@code setting} (the bath over
   * its prescribed temperature); clears at {@code margin / 2} above it.
   */
  record AboveSetting(
      String code, String channel, String setting, double margin, AlarmPriority priority)
      implements AlarmRuleSpec {
    @Override
    public boolean sessionOnly() {
      return true;
    }
  }

  /** The value below {@code below} after it had been at or above it in the session (flow lost). */
  record LostAfterSeen(String code, String channel, double below, AlarmPriority priority)
      implements AlarmRuleSpec {
    @Override
    public boolean sessionOnly() {
      return true;
    }
  }

  /**
   * A contact switch in the alarming state: {@code alarmWhenClosed} false raises while the contact
   * is open (water level switch), true while it is closed.
   */
  record SwitchState(
      String code, String switchName, boolean alarmWhenClosed, AlarmPriority priority)
      implements AlarmRuleSpec {
    @Override
    public boolean sessionOnly() {
      return false;
    }
  }
}
