package org.rehabtelemetry.hardware.profile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rehabtelemetry.config.ConfigNode;
import org.rehabtelemetry.protocol.Limits;

/**
 * Reads a profile's {@code summary}: the clinical metrics of a session, each {@code {name, type,
 * channel, ...}} (docs/hardware.md). {@code durationMin} is always computed and is not listed.
 */
final class SummarySection {
  private SummarySection() {}

  static List<MetricSpec> read(
      ConfigNode root, Map<String, ChannelSpec> channels, Set<String> settings) {
    List<MetricSpec> metrics = new ArrayList<>();
    Set<String> names = new HashSet<>(Set.of("durationMin"));
    List<ConfigNode> items = root.optionalList("summary");
    if (items.size() >= Limits.MAX_MAP_ENTRIES) {
      throw root.fail(
          "summary",
          "lists " + items.size() + " metrics, the limit is " + (Limits.MAX_MAP_ENTRIES - 1));
    }
    for (ConfigNode item : items) {
      String name = ProfileChecks.name(item, "name");
      if (!names.add(name)) {
        throw item.fail("name", "repeats metric \"" + name + "\" (durationMin is built in)");
      }
      metrics.add(metric(item, name, channels, settings));
      item.rejectUnknownKeys();
    }
    return metrics;
  }

  private static MetricSpec metric(
      ConfigNode item, String name, Map<String, ChannelSpec> channels, Set<String> settings) {
    MetricSpec.Type type = type(item);
    String channel =
        ProfileChecks.declared(
            item, type == MetricSpec.Type.SYMMETRY_INDEX ? "left" : "channel", channels);
    String other =
        type == MetricSpec.Type.SYMMETRY_INDEX
            ? ProfileChecks.declared(item, "right", channels)
            : null;
    String setting = null;
    double value = Double.NaN;
    if (type == MetricSpec.Type.TIME_AT_OR_ABOVE
        || type == MetricSpec.Type.MEAN_PERCENT_OF_SETTING) {
      if (item.has("setting")) {
        setting = item.text("setting");
        if (!settings.contains(setting)) {
          throw item.fail(
              "setting", "names \"" + setting + "\", which no programme of this profile has");
        }
      } else if (type == MetricSpec.Type.TIME_AT_OR_ABOVE) {
        value = item.number("value");
      } else {
        throw item.fail("setting", "is required for " + type.yamlName());
      }
    }
    double tolerance =
        type == MetricSpec.Type.TIME_AT_OR_ABOVE && item.has("tolerance")
            ? item.number("tolerance")
            : 0;
    Duration baseline =
        type == MetricSpec.Type.BASELINE_MEAN || type == MetricSpec.Type.PEAK_RISE_OVER_BASELINE
            ? ProfileChecks.seconds(item, "baselineSeconds", 10, 3600, 60)
            : Duration.ZERO;
    String unit = ProfileChecks.unit(item, "unit", defaultUnit(type, channels.get(channel)));
    if (unit == null || unit.isEmpty()) {
      throw item.fail("unit", "is required for " + type.yamlName());
    }
    return new MetricSpec(
        name,
        type,
        channel,
        other,
        setting,
        value,
        tolerance,
        baseline,
        unit,
        ProfileChecks.decimals(item, 1),
        ProfileChecks.labels(item));
  }

  private static MetricSpec.Type type(ConfigNode item) {
    String text = item.text("type");
    for (MetricSpec.Type type : MetricSpec.Type.values()) {
      if (type.yamlName().equals(text)) {
        return type;
      }
    }
    List<String> known = new ArrayList<>();
    for (MetricSpec.Type type : MetricSpec.Type.values()) {
      known.add(type.yamlName());
    }
    throw item.fail("type", "must be one of " + known + ", was \"" + text + "\"");
  }

  private static String defaultUnit(MetricSpec.Type type, ChannelSpec channel) {
    return switch (type) {
      case TIME_AT_OR_ABOVE -> "min";
      case MEAN_PERCENT_OF_SETTING, SYMMETRY_INDEX -> "%";
      case INCREASE -> "count";
      case PER_MINUTE_INTEGRAL -> null;
      default -> channel.unit();
    };
  }
}
