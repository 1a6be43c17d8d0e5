package org.rehabtelemetry.agent.alarm.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rehabtelemetry.agent.alarm.AlarmSink;
import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.hardware.profile.AlarmRuleSpec;

/**
 * The device's alarm rules, built from its profile's data: one rule object per rule, of the class
 * its type names. Routes each reading to the rules of its channel; rules that need a session's
 * context run only while a session runs. A session may carry limits of its own (per patient, by
 * code: the threshold of a threshold rule, the rise of a rise rule, the margin of a setting rule);
 * they hold for that session and the profile's come back after it.
 *
 * <p>Thread-safe: readings arrive from several driver threads, serialised here.
 */
public final class AlarmRules {
  private final List<AlarmRuleSpec> specs;
  private final AlarmSink alarms;
  private List<AlarmRule> rules;
  private boolean sessionRunning;

  public AlarmRules(List<AlarmRuleSpec> specs, AlarmSink alarms) {
    this.specs = List.copyOf(specs);
    this.alarms = alarms;
    this.rules = build(Map.of());
  }

  /**
   * A session started: session rules start from its settings, and {@code limits} (code to number)
   * replace the profile's for its duration.
   */
  public synchronized void sessionStarted(
      Map<String, Double> settings, Map<String, Double> limits) {
    rules = build(limits);
    for (AlarmRule rule : rules) {
      rule.sessionStarted(settings);
    }
    sessionRunning = true;
  }

  /** The session paused or resumed: session rules run only while it runs. */
  public synchronized void sessionRunning(boolean running) {
    sessionRunning = running;
  }

  /** The session ended: the profile's limits hold again and session rules stop. */
  public synchronized void sessionEnded() {
    sessionRunning = false;
    rules = build(Map.of());
  }

  public synchronized void evaluate(Reading reading) {
    for (AlarmRule rule : rules) {
      if (rule.reads(reading.channel()) && (sessionRunning || !rule.sessionOnly())) {
        rule.evaluate(reading);
      }
    }
  }

  private List<AlarmRule> build(Map<String, Double> limits) {
    List<AlarmRule> built = new ArrayList<>();
    for (AlarmRuleSpec spec : specs) {
      built.add(rule(spec, limits.get(spec.code())));
    }
    return built;
  }

  /** The rule object of a spec's type; {@code limit} replaces its main number when not null. */
  private AlarmRule rule(AlarmRuleSpec spec, Double limit) {
    if (spec instanceof AlarmRuleSpec.Threshold t) {
      return new ThresholdRule(t, alarms, limit != null ? limit : t.limit());
    } else if (spec instanceof AlarmRuleSpec.Rate r) {
      return new RateRule(r, alarms);
    } else if (spec instanceof AlarmRuleSpec.RiseOverBaseline r) {
      return new RiseOverBaselineRule(r, alarms, limit != null ? limit : r.rise());
    } else if (spec instanceof AlarmRuleSpec.Vasovagal v) {
      return new VasovagalRule(v, alarms);
    } else if (spec instanceof AlarmRuleSpec.Increase i) {
      return new IncreaseRule(i, alarms);
    } else if (spec instanceof AlarmRuleSpec.CountInWindow c) {
      return new CountInWindowRule(c, alarms);
    } else if (spec instanceof AlarmRuleSpec.AboveSetting a) {
      return new AboveSettingRule(a, alarms, limit != null ? limit : a.margin());
    } else if (spec instanceof AlarmRuleSpec.LostAfterSeen l) {
      return new LostAfterSeenRule(l, alarms);
    } else if (spec instanceof AlarmRuleSpec.SwitchState s) {
      return new SwitchRule(s, alarms);
    }
    throw new IllegalArgumentException("no rule class for " + spec);
  }
}
