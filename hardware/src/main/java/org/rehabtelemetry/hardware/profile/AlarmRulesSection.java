package org.rehabtelemetry.hardware.profile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rehabtelemetry.config.ConfigNode;
import org.rehabtelemetry.protocol.AlarmPriority;

/**
 * Reads a profile's {@code alarms}: a list of rules, each with a {@code type} (docs/hardware.md
 * lists the keys of each). A rule with {@code below}, {@code above} or {@code rateAbove} and no
 * type is a threshold or rate rule, as profiles have always written them. No two rules share a
 * code: the code identifies the condition on the device and at the gateway.
 */
final class AlarmRulesSection {
  private AlarmRulesSection() {}

  /** What a rule may refer to. */
  record Context(Map<String, ChannelSpec> channels, Set<String> settings, Set<String> switches) {}

  static List<AlarmRuleSpec> read(ConfigNode root, Context context) {
    List<AlarmRuleSpec> rules = new ArrayList<>();
    Set<String> codes = new HashSet<>();
    for (ConfigNode item : root.optionalList("alarms")) {
      String code = ProfileChecks.code(item, "code");
      if (!codes.add(code)) {
        throw item.fail("code", "repeats alarm code \"" + code + "\"");
      }
      AlarmRuleSpec rule = rule(item, code, context);
      item.rejectUnknownKeys();
      rules.add(rule);
    }
    return rules;
  }

  private static AlarmRuleSpec rule(ConfigNode item, String code, Context context) {
    String type = item.text("type", impliedType(item));
    AlarmPriority priority = ProfileChecks.priority(item);
    Map<String, ChannelSpec> channels = context.channels();
    return switch (type) {
      case "threshold" -> threshold(item, code, channels, priority);
      case "rate" ->
          new AlarmRuleSpec.Rate(
              code,
              ProfileChecks.declared(item, "channel", channels),
              positive(item, "rateAbove"),
              priority);
      case "riseOverBaseline" ->
          new AlarmRuleSpec.RiseOverBaseline(
              code,
              ProfileChecks.declared(item, "channel", channels),
              positive(item, "rise"),
              ProfileChecks.seconds(item, "baselineSeconds", 10, 3600, 60),
              item.has("clearMargin") ? positive(item, "clearMargin") : 5,
              priority);
      case "vasovagal" ->
          new AlarmRuleSpec.Vasovagal(
              code,
              ProfileChecks.declared(item, "heartRateChannel", channels),
              ProfileChecks.declared(item, "spo2Channel", channels),
              positive(item, "hrDrop"),
              positive(item, "spo2Drop"),
              ProfileChecks.seconds(item, "baselineSeconds", 10, 3600, 60),
              ProfileChecks.seconds(item, "peakWindowSeconds", 10, 3600, 120),
              priority);
      case "increase" ->
          new AlarmRuleSpec.Increase(
              code, ProfileChecks.declared(item, "channel", channels), priority);
      case "countInWindow" ->
          new AlarmRuleSpec.CountInWindow(
              code,
              ProfileChecks.declared(item, "channel", channels),
              item.integer("count", 2, 1000),
              ProfileChecks.seconds(item, "windowSeconds", 1, 86_400, 60),
              priority);
      case "aboveSetting" ->
          new AlarmRuleSpec.AboveSetting(
              code,
              ProfileChecks.declared(item, "channel", channels),
              setting(item, context.settings()),
              positive(item, "margin"),
              priority);
      case "lostAfterSeen" ->
          new AlarmRuleSpec.LostAfterSeen(
              code,
              ProfileChecks.declared(item, "channel", channels),
              item.number("below"),
              priority);
      case "switch" -> switchRule(item, code, context.switches(), priority);
      default ->
          throw item.fail(
              "type",
              "must be one of threshold, rate, riseOverBaseline, vasovagal, increase,"
                  + " countInWindow, aboveSetting, lostAfterSeen, switch; was \""
                  + type
                  + "\"");
    };
  }

  private static String impliedType(ConfigNode item) {
    if (item.has("rateAbove")) {
      return "rate";
    }
    return item.has("below") || item.has("above") ? "threshold" : null;
  }

  private static AlarmRuleSpec threshold(
      ConfigNode item, String code, Map<String, ChannelSpec> channels, AlarmPriority priority) {
    String channel = ProfileChecks.declared(item, "channel", channels);
    boolean below = item.has("below");
    if (below == item.has("above")) {
      throw item.fail("below", "a threshold rule needs exactly one of below and above");
    }
    return new AlarmRuleSpec.Threshold(
        code, channel, below, item.number(below ? "below" : "above"), priority);
  }

  private static AlarmRuleSpec switchRule(
      ConfigNode item, String code, Set<String> switches, AlarmPriority priority) {
    String name = item.text("switch");
    if (!switches.contains(name)) {
      throw item.fail(
          "switch", "names \"" + name + "\", which is not under wiring.gpio.switches " + switches);
    }
    String when = item.text("alarmWhen");
    if (!when.equals("open") && !when.equals("closed")) {
      throw item.fail("alarmWhen", "must be open or closed, was \"" + when + "\"");
    }
    return new AlarmRuleSpec.SwitchState(code, name, when.equals("closed"), priority);
  }

  private static String setting(ConfigNode item, Set<String> settings) {
    String setting = item.text("setting");
    if (!settings.contains(setting)) {
      throw item.fail(
          "setting", "names \"" + setting + "\", which no programme of this profile has");
    }
    return setting;
  }

  private static double positive(ConfigNode item, String key) {
    return item.positive(key);
  }
}
