package org.rehabtelemetry.gateway.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rehabtelemetry.hardware.profile.ChannelSpec;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.hardware.profile.DeviceProfiles;
import org.rehabtelemetry.protocol.DeviceKind;

/**
 * What the dashboard shows instead of technical names: for each built-in device kind, its label and
 * each channel's label, unit and decimals, in one language (from the device profiles). A kind or
 * channel not in them is shown by its name. Immutable and thread-safe.
 */
final class ProfileLabels {
  private final List<DeviceProfile> profiles = new ArrayList<>();

  ProfileLabels() {
    for (DeviceKind kind : DeviceProfiles.builtInKinds()) {
      profiles.add(DeviceProfiles.builtIn(kind));
    }
  }

  /** {@code [{kind, label, channels: {name: {label, unit, decimals}}}]} in {@code language}. */
  List<Map<String, Object>> in(String language) {
    List<Map<String, Object>> kinds = new ArrayList<>();
    for (DeviceProfile profile : profiles) {
      Map<String, Object> channels = new LinkedHashMap<>();
      for (ChannelSpec channel : profile.channels()) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("label", channel.labels().in(language, channel.name()));
        json.put("unit", channel.unit());
        json.put("decimals", channel.decimals());
        channels.put(channel.name(), json);
      }
      Map<String, Object> kind = new LinkedHashMap<>();
      kind.put("kind", profile.kind().wireName());
      kind.put("label", profile.labels().in(language, profile.kind().wireName()));
      kind.put("channels", channels);
      kinds.add(kind);
    }
    return kinds;
  }
}
