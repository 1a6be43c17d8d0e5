package org.rehabtelemetry.hardware.profile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.rehabtelemetry.config.ConfigNode;

/** Reads a profile's {@code channels}: names, units, physical ranges, rates, labels. */
final class ChannelsSection {
  private ChannelsSection() {}

  static List<ChannelSpec> read(ConfigNode root) {
    List<ChannelSpec> channels = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfigNode item : root.list("channels")) {
      String name = ProfileChecks.name(item, "name");
      if (!names.add(name)) {
        throw item.fail("name", "repeats channel \"" + name + "\"");
      }
      String unit = ProfileChecks.unit(item, "unit", null);
      double min = item.number("min");
      double max = item.number("max");
      if (max <= min) {
        throw item.fail("max", "must be greater than min (" + min + "), was " + max);
      }
      double sampleHz = item.positive("sampleHz");
      double publishHz = item.positive("publishHz", sampleHz);
      if (publishHz > sampleHz) {
        throw item.fail(
            "publishHz", "must not exceed sampleHz (" + sampleHz + "), was " + publishHz);
      }
      int decimals = ProfileChecks.decimals(item, 1);
      Labels labels = ProfileChecks.labels(item);
      item.rejectUnknownKeys();
      channels.add(new ChannelSpec(name, unit, min, max, sampleHz, publishHz, decimals, labels));
    }
    if (channels.isEmpty()) {
      throw root.fail("channels", "must declare at least one channel");
    }
    return channels;
  }
}
