package org.rehabtelemetry.hardware.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rehabtelemetry.config.ConfigNode;

/**
 * Reads the optional {@code patientLimits} section:
 *
 * <pre>
 * patientLimits:
 *   adjustable:
 *     HR_HIGH: {min: 100, max: 200}
 *   presets:
 *     - {name: 5-12y, label: {en: 5 to 12 years}, limits: {HR_LOW: 80, HR_HIGH: 120}}
 * </pre>
 *
 * Every adjustable code must be an alarm rule of the profile whose type has a limit, and every
 * preset's limit must be adjustable and within its bounds.
 */
final class PatientLimitsSection {
  private PatientLimitsSection() {}

  static PatientLimits read(ConfigNode root, List<AlarmRuleSpec> rules) {
    ConfigNode section = root.optionalObject("patientLimits");
    if (section == null) {
      return PatientLimits.NONE;
    }
    Map<String, PatientLimits.Bounds> adjustable = new LinkedHashMap<>();
    ConfigNode bounds = section.object("adjustable");
    for (Map.Entry<String, ConfigNode> entry : bounds.entries().entrySet()) {
      String code = entry.getKey();
      if (rules.stream().noneMatch(rule -> rule.code().equals(code) && hasLimit(rule))) {
        throw bounds.fail(
            code,
            "is not an alarm of this profile with a limit (a threshold, rise or setting rule)");
      }
      ConfigNode node = entry.getValue();
      double min = node.number("min");
      double max = node.number("max");
      if (!(min < max)) {
        throw node.fail("max", "must be above min (" + min + "), was " + max);
      }
      node.rejectUnknownKeys();
      adjustable.put(code, new PatientLimits.Bounds(min, max));
    }
    List<PatientLimits.Preset> presets = new ArrayList<>();
    for (ConfigNode item : section.optionalList("presets")) {
      String name =
          item.matching("name", "[0-9A-Za-z][0-9A-Za-z+-]{0,15}", "1-16 of A-Z a-z 0-9 + -");
      Labels label = ProfileChecks.labels(item);
      ConfigNode limitsNode = item.object("limits");
      Map<String, Double> limits = new LinkedHashMap<>();
      for (String code : limitsNode.keys()) {
        double value = limitsNode.number(code);
        PatientLimits.Bounds allowed = adjustable.get(code);
        if (allowed == null) {
          throw limitsNode.fail(code, "is not adjustable (patientLimits.adjustable)");
        }
        if (!allowed.contains(value)) {
          throw limitsNode.fail(
              code, "must be within " + allowed.min() + ".." + allowed.max() + ", was " + value);
        }
        limits.put(code, value);
      }
      item.rejectUnknownKeys();
      if (presets.stream().anyMatch(p -> p.name().equals(name))) {
        throw item.fail("name", "repeats preset " + name);
      }
      presets.add(new PatientLimits.Preset(name, label, limits));
    }
    section.rejectUnknownKeys();
    return new PatientLimits(adjustable, presets);
  }

  private static boolean hasLimit(AlarmRuleSpec rule) {
    return rule instanceof AlarmRuleSpec.Threshold
        || rule instanceof AlarmRuleSpec.RiseOverBaseline
        || rule instanceof AlarmRuleSpec.AboveSetting;
  }
}
