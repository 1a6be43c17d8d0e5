package org.rehabtelemetry.hardware.profile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rehabtelemetry.config.ConfigNode;
import org.rehabtelemetry.protocol.Limits;

/** Reads a profile's {@code programmes}: each with its settings' defaults, ranges and labels. */
final class ProgrammesSection {
  private ProgrammesSection() {}

  static List<ProgrammeSpec> read(ConfigNode root) {
    List<ProgrammeSpec> programmes = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfigNode item : root.list("programmes")) {
      String name = ProfileChecks.name(item, "name");
      if (!names.add(name)) {
        throw item.fail("name", "repeats programme \"" + name + "\"");
      }
      Map<String, ProgrammeSpec.Setting> settings = new LinkedHashMap<>();
      ConfigNode settingsNode = item.optionalObject("settings");
      if (settingsNode != null) {
        Map<String, ConfigNode> entries = settingsNode.entries();
        if (entries.size() > Limits.MAX_MAP_ENTRIES) {
          throw item.fail(
              "settings", "has " + entries.size() + ", the limit is " + Limits.MAX_MAP_ENTRIES);
        }
        for (Map.Entry<String, ConfigNode> entry : entries.entrySet()) {
          ProfileChecks.checkName(settingsNode, entry.getKey(), entry.getKey());
          settings.put(entry.getKey(), setting(entry.getValue()));
        }
      }
      Labels labels = ProfileChecks.labels(item);
      item.rejectUnknownKeys();
      programmes.add(new ProgrammeSpec(name, settings, labels));
    }
    if (programmes.isEmpty()) {
      throw root.fail("programmes", "must declare at least one programme");
    }
    return programmes;
  }

  private static ProgrammeSpec.Setting setting(ConfigNode setting) {
    double min = setting.number("min");
    double max = setting.number("max");
    double value = setting.number("default");
    if (max < min || value < min || value > max) {
      throw setting.fail(
          "default", "must lie in min..max (" + min + ".." + max + "), was " + value);
    }
    String unit = ProfileChecks.unit(setting, "unit", "");
    int decimals = ProfileChecks.decimals(setting, 0);
    Labels labels = ProfileChecks.labels(setting);
    setting.rejectUnknownKeys();
    return new ProgrammeSpec.Setting(value, min, max, unit, decimals, labels);
  }
}
