package org.rehabtelemetry.hardware.profile;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rehabtelemetry.config.ConfigException;
import org.rehabtelemetry.config.ConfigFiles;
import org.rehabtelemetry.config.ConfigNode;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.protocol.ProtocolException;

/**
 * Loads and validates device profiles from YAML. Stateless and thread-safe.
 *
 * <p>Checks every key (unknown keys are errors), every value's type and range, that every channel
 * named by wiring, alarm rules or summary metrics is declared, that no channel is fed twice, and
 * that no GPIO pin, serial port or hub channel id is used twice. The first problem found throws a
 * {@link ConfigException} naming the file, the key and the value.
 *
 * <p>A profile can be read as an overlay of another ({@link #parse(String, byte[], JsonNode)}): the
 * simulator replaces a built-in profile's serial ports with its own this way, instead of keeping
 * copies.
 */
public final class DeviceProfiles {
  private static final String INDEX = "profiles/index.txt";

  private DeviceProfiles() {}

  /** The built-in profile of a device kind, from {@code /profiles/KIND.yaml} on the classpath. */
  public static DeviceProfile builtIn(DeviceKind kind) {
    String resource = "profiles/" + kind.wireName() + ".yaml";
    return parse(resource, builtInYaml(kind));
  }

  /** The YAML of a built-in profile, for overlays. */
  public static byte[] builtInYaml(DeviceKind kind) {
    return resource("profiles/" + kind.wireName() + ".yaml");
  }

  /** The kinds that have a built-in profile, in the order of {@code profiles/index.txt}. */
  public static List<DeviceKind> builtInKinds() {
    List<DeviceKind> kinds = new ArrayList<>();
    for (String line : new String(resource(INDEX), StandardCharsets.UTF_8).split("\n", -1)) {
      String name = line.strip();
      if (!name.isEmpty() && !name.startsWith("#")) {
        kinds.add(new DeviceKind(name));
      }
    }
    return kinds;
  }

  /**
   * Loads {@code builtin:KIND} or a profile file.
   *
   * @throws ConfigException naming the setting's value when the kind or the file is unknown
   */
  public static DeviceProfile load(String reference) {
    if (reference.startsWith("builtin:")) {
      String name = reference.substring("builtin:".length());
      DeviceKind kind;
      try {
        kind = DeviceKind.parse("device.profile", name);
      } catch (ProtocolException e) {
        throw new ConfigException("device.profile", "(value)", e.reason());
      }
      if (!builtInKinds().contains(kind)) {
        throw new ConfigException(
            "device.profile",
            "(value)",
            "names builtin:" + name + ", but the built-in profiles are " + builtInKinds());
      }
      return builtIn(kind);
    }
    return load(Path.of(reference));
  }

  /** Loads a profile file. */
  public static DeviceProfile load(Path file) {
    return parse(file.toString(), ConfigFiles.read(file));
  }

  /** Parses a profile from YAML bytes; {@code source} names it in errors. */
  public static DeviceProfile parse(String source, byte[] yaml) {
    return read(ConfigFiles.parseYaml(source, yaml));
  }

  /**
   * Parses {@code baseYaml} with {@code overlay} merged over it ({@link ProfileOverlay}), then
   * validates the result as one profile.
   */
  public static DeviceProfile parse(String source, byte[] baseYaml, JsonNode overlay) {
    JsonNode merged = ProfileOverlay.merge(ConfigFiles.readTree(source, baseYaml), overlay);
    return read(ConfigNode.root(source, merged));
  }

  private static DeviceProfile read(ConfigNode root) {
    DeviceKind kind = kind(root);
    Labels labels = ProfileChecks.labels(root);
    List<ChannelSpec> channels = ChannelsSection.read(root);
    Map<String, ChannelSpec> byName = new HashMap<>();
    channels.forEach(channel -> byName.put(channel.name(), channel));
    List<ProgrammeSpec> programmes = ProgrammesSection.read(root);
    Set<String> settings = new HashSet<>();
    programmes.forEach(programme -> settings.addAll(programme.settings().keySet()));
    Wiring wiring = WiringSection.read(root, byName);
    List<AlarmRuleSpec> alarms =
        AlarmRulesSection.read(
            root, new AlarmRulesSection.Context(byName, settings, wiring.switches().keySet()));
    List<MetricSpec> summary = SummarySection.read(root, byName, settings);
    PatientLimits patientLimits = PatientLimitsSection.read(root, alarms);
    root.rejectUnknownKeys();
    return new DeviceProfile(
        root.source(), kind, labels, channels, programmes, alarms, summary, wiring, patientLimits);
  }

  private static DeviceKind kind(ConfigNode root) {
    try {
      return DeviceKind.parse("kind", root.text("kind"));
    } catch (ProtocolException e) {
      throw root.fail("kind", e.reason());
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = DeviceProfiles.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new ConfigException(name, "(file)", "is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new ConfigException(name, "(file)", "cannot be read: " + e.getMessage());
    }
  }
}
