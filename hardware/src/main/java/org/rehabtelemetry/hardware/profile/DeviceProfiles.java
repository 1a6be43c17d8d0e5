package org.rehabtelemetry.hardware.profile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.rehabtelemetry.config.ConfigException;
import org.rehabtelemetry.config.ConfigFiles;
import org.rehabtelemetry.config.ConfigNode;
import org.rehabtelemetry.protocol.AlarmPriority;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.protocol.Identifiers;
import org.rehabtelemetry.protocol.ProtocolException;

/**
 * Loads and validates device profiles from YAML. Stateless and thread-safe.
 *
 * <p>Checks every key (unknown keys are errors), every value's type and range, that every channel
 * named by wiring or alarms is declared, that no channel is fed twice, and that no GPIO pin, serial
 * port or hub channel id is used twice. The first problem found throws a {@link ConfigException}.
 */
public final class DeviceProfiles {
  private static final Set<Integer> BAUD_RATES =
      Set.of(1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600);
  private static final Pattern PORT = Pattern.compile("/dev/[A-Za-z0-9_./-]+|/[A-Za-z0-9_./-]+");
  private static final int MAX_BCM_PIN = 27;

  private DeviceProfiles() {}

  /** The built-in profile of a device kind, from {@code /profiles/KIND.yaml} on the classpath. */
  public static DeviceProfile builtIn(DeviceKind kind) {
    String resource = "profiles/" + kind.wireName() + ".yaml";
    try (InputStream in = DeviceProfiles.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new ConfigException(resource, "(file)", "is missing from the classpath");
      }
      return parse(resource, in.readAllBytes());
    } catch (IOException e) {
      throw new ConfigException(resource, "(file)", "cannot be read: " + e.getMessage());
    }
  }

  /** Loads a profile file. */
  public static DeviceProfile load(Path file) {
    return parse(file.toString(), ConfigFiles.read(file));
  }

  /** Parses a profile from YAML bytes; {@code source} names it in errors. */
  public static DeviceProfile parse(String source, byte[] yaml) {
    ConfigNode root = ConfigFiles.parseYaml(source, yaml);
    DeviceKind kind = kind(root);
    List<ChannelSpec> channels = channels(root);
    Map<String, ChannelSpec> byName = new HashMap<>();
    for (ChannelSpec channel : channels) {
      byName.put(channel.name(), channel);
    }
    List<ProgrammeSpec> programmes = programmes(root);
    List<AlarmLimit> alarms = alarms(root, byName);
    Wiring wiring = wiring(root.object("wiring"), byName);
    root.rejectUnknownKeys();
    return new DeviceProfile(source, kind, channels, programmes, alarms, wiring);
  }

  private static DeviceKind kind(ConfigNode root) {
    try {
      return DeviceKind.parse("kind", root.text("kind"));
    } catch (ProtocolException e) {
      throw root.fail("kind", e.reason());
    }
  }

  private static List<ChannelSpec> channels(ConfigNode root) {
    List<ChannelSpec> channels = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfigNode item : root.list("channels")) {
      String name = name(item, "name");
      if (!names.add(name)) {
        throw item.fail("name", "repeats channel \"" + name + "\"");
      }
      String unit = item.text("unit");
      try {
        Identifiers.unit("unit", unit);
      } catch (ProtocolException e) {
        throw item.fail("unit", e.reason());
      }
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
      item.rejectUnknownKeys();
      channels.add(new ChannelSpec(name, unit, min, max, sampleHz, publishHz));
    }
    if (channels.isEmpty()) {
      throw root.fail("channels", "must declare at least one channel");
    }
    return channels;
  }

  private static List<ProgrammeSpec> programmes(ConfigNode root) {
    List<ProgrammeSpec> programmes = new ArrayList<>();
    for (ConfigNode item : root.list("programmes")) {
      String name = name(item, "name");
      Map<String, ProgrammeSpec.Setting> settings = new LinkedHashMap<>();
      ConfigNode settingsNode = item.optionalObject("settings");
      if (settingsNode != null) {
        for (Map.Entry<String, ConfigNode> entry : settingsNode.entries().entrySet()) {
          ConfigNode setting = entry.getValue();
          checkName(settingsNode, entry.getKey());
          double min = setting.number("min");
          double max = setting.number("max");
          double value = setting.number("default");
          if (max < min || value < min || value > max) {
            throw setting.fail(
                "default", "must lie in min..max (" + min + ".." + max + "), was " + value);
          }
          setting.rejectUnknownKeys();
          settings.put(entry.getKey(), new ProgrammeSpec.Setting(value, min, max));
        }
      }
      item.rejectUnknownKeys();
      programmes.add(new ProgrammeSpec(name, settings));
    }
    return programmes;
  }

  private static List<AlarmLimit> alarms(ConfigNode root, Map<String, ChannelSpec> channels) {
    List<AlarmLimit> alarms = new ArrayList<>();
    for (ConfigNode item : root.optionalList("alarms")) {
      String code = item.text("code");
      try {
        Identifiers.code("code", code);
      } catch (ProtocolException e) {
        throw item.fail("code", e.reason());
      }
      String channel = declared(item, "channel", channels);
      List<AlarmLimit.Condition> given = new ArrayList<>();
      double threshold = 0;
      for (AlarmLimit.Condition condition : AlarmLimit.Condition.values()) {
        String key = conditionKey(condition);
        if (item.has(key)) {
          given.add(condition);
          threshold = item.number(key);
        }
      }
      if (given.size() != 1) {
        throw item.fail(
            "below", "exactly one of below, above, rateAbove is needed, found " + given.size());
      }
      AlarmPriority priority;
      try {
        priority = AlarmPriority.parse("priority", item.text("priority"));
      } catch (ProtocolException e) {
        throw item.fail("priority", e.reason());
      }
      item.rejectUnknownKeys();
      alarms.add(new AlarmLimit(code, channel, given.get(0), threshold, priority));
    }
    return alarms;
  }

  private static String conditionKey(AlarmLimit.Condition condition) {
    return switch (condition) {
      case BELOW -> "below";
      case ABOVE -> "above";
      case RATE_ABOVE -> "rateAbove";
    };
  }

  private static Wiring wiring(ConfigNode node, Map<String, ChannelSpec> channels) {
    Uses uses = new Uses();
    Optional<Wiring.SensorHub> hub =
        Optional.ofNullable(node.optionalObject("sensorHub"))
            .map(n -> sensorHub(n, channels, uses));
    Optional<Wiring.Oximeter> oximeter =
        Optional.ofNullable(node.optionalObject("oximeter")).map(n -> oximeter(n, channels, uses));
    Optional<Wiring.Tilt> tilt =
        Optional.ofNullable(node.optionalObject("tilt")).map(n -> tilt(n, channels, uses));
    ConfigNode gpio = node.optionalObject("gpio");
    Optional<Wiring.Pin> estop = Optional.empty();
    Optional<Wiring.Button> button = Optional.empty();
    Map<String, Wiring.Pin> switches = new LinkedHashMap<>();
    Optional<Wiring.Flow> flow = Optional.empty();
    if (gpio != null) {
      estop = Optional.ofNullable(gpio.optionalObject("emergencyStop")).map(n -> pin(n, uses, 20));
      button =
          Optional.ofNullable(gpio.optionalObject("startStopButton")).map(n -> button(n, uses));
      ConfigNode switchNodes = gpio.optionalObject("switches");
      if (switchNodes != null) {
        for (Map.Entry<String, ConfigNode> entry : switchNodes.entries().entrySet()) {
          checkName(switchNodes, entry.getKey());
          switches.put(entry.getKey(), pin(entry.getValue(), uses, 50));
        }
      }
      flow =
          Optional.ofNullable(gpio.optionalObject("flowMeter")).map(n -> flow(n, channels, uses));
      gpio.rejectUnknownKeys();
    }
    node.rejectUnknownKeys();
    return new Wiring(hub, oximeter, tilt, estop, button, switches, flow);
  }

  private static Wiring.SensorHub sensorHub(
      ConfigNode node, Map<String, ChannelSpec> channels, Uses uses) {
    String port = port(node, uses);
    int baud = baud(node, 115200);
    Duration silent = node.millis("silentAfterMs", 100, 600_000, 1000);
    List<Wiring.HubMapping> mappings = new ArrayList<>();
    Set<Integer> ids = new HashSet<>();
    for (ConfigNode item : node.list("channels")) {
      int id = item.integer("id", 1, 254);
      if (!ids.add(id)) {
        throw item.fail("id", "repeats hub channel id " + id);
      }
      String channel = declared(item, "channel", channels);
      uses.feed(item, "channel", channel);
      double scale = item.positive("scale");
      item.rejectUnknownKeys();
      mappings.add(new Wiring.HubMapping(id, channel, scale));
    }
    node.rejectUnknownKeys();
    return new Wiring.SensorHub(port, baud, silent, mappings);
  }

  private static Wiring.Oximeter oximeter(
      ConfigNode node, Map<String, ChannelSpec> channels, Uses uses) {
    String port = port(node, uses);
    int baud = baud(node, 9600);
    Duration silent = node.millis("silentAfterMs", 100, 600_000, 3000);
    String spo2 = declared(node, "spo2Channel", channels);
    uses.feed(node, "spo2Channel", spo2);
    String heartRate = declared(node, "heartRateChannel", channels);
    uses.feed(node, "heartRateChannel", heartRate);
    node.rejectUnknownKeys();
    return new Wiring.Oximeter(port, baud, silent, spo2, heartRate);
  }

  private static Wiring.Tilt tilt(ConfigNode node, Map<String, ChannelSpec> channels, Uses uses) {
    String driver = node.text("driver");
    if (!driver.equals("mpu6050")) {
      throw node.fail(
          "driver", "must be mpu6050 (the only I2C tilt driver), was \"" + driver + "\"");
    }
    int bus = node.integer("bus", 0, 22);
    int address = node.integer("address", 0x68, 0x69);
    String channel = declared(node, "channel", channels);
    uses.feed(node, "channel", channel);
    Duration silent = node.millis("silentAfterMs", 100, 600_000, 500);
    node.rejectUnknownKeys();
    return new Wiring.Tilt(bus, address, channel, silent);
  }

  private static Wiring.Pin pin(ConfigNode node, Uses uses, long defaultDebounceMs) {
    int pin = node.integer("pin", 0, MAX_BCM_PIN);
    uses.pin(node, pin);
    boolean activeLow = node.bool("activeLow", true);
    Duration debounce = node.millis("debounceMs", 0, 1000, defaultDebounceMs);
    node.rejectUnknownKeys();
    return new Wiring.Pin(pin, activeLow, debounce);
  }

  private static Wiring.Button button(ConfigNode node, Uses uses) {
    Duration longPress = node.millis("longPressMs", 300, 10_000, 2000);
    Wiring.Pin pin = pin(node, uses, 30);
    return new Wiring.Button(pin, longPress);
  }

  private static Wiring.Flow flow(ConfigNode node, Map<String, ChannelSpec> channels, Uses uses) {
    int pin = node.integer("pin", 0, MAX_BCM_PIN);
    uses.pin(node, pin);
    String channel = declared(node, "channel", channels);
    uses.feed(node, "channel", channel);
    double kFactor = node.positive("kFactor", 7.5);
    Duration silent = node.millis("silentAfterMs", 500, 600_000, 5000);
    node.rejectUnknownKeys();
    return new Wiring.Flow(pin, channel, kFactor, silent);
  }

  private static String port(ConfigNode node, Uses uses) {
    String port = node.text("port");
    if (!PORT.matcher(port).matches()) {
      throw node.fail("port", "must be a device path such as /dev/ttyUSB0, was \"" + port + "\"");
    }
    uses.port(node, port);
    return port;
  }

  private static int baud(ConfigNode node, int fallback) {
    int baud = node.integer("baud", 1200, 921_600, fallback);
    if (!BAUD_RATES.contains(baud)) {
      throw node.fail(
          "baud", "must be a standard rate " + new TreeSet<>(BAUD_RATES) + ", was " + baud);
    }
    return baud;
  }

  private static String name(ConfigNode node, String key) {
    String name = node.text(key);
    checkName(node, key, name);
    return name;
  }

  private static void checkName(ConfigNode node, String name) {
    checkName(node, name, name);
  }

  private static void checkName(ConfigNode node, String key, String name) {
    try {
      Identifiers.name(key, name);
    } catch (ProtocolException e) {
      throw node.fail(key, e.reason());
    }
  }

  private static String declared(ConfigNode node, String key, Map<String, ChannelSpec> channels) {
    String channel = node.text(key);
    if (!channels.containsKey(channel)) {
      throw node.fail(
          key, "names channel \"" + channel + "\", which the profile's channels do not declare");
    }
    return channel;
  }

  /** Tracks pins, ports and fed channels so that none is used twice. */
  private static final class Uses {
    private final Map<Integer, String> pins = new HashMap<>();
    private final Map<String, String> ports = new HashMap<>();
    private final Map<String, String> fed = new HashMap<>();

    void pin(ConfigNode node, int pin) {
      String previous = pins.putIfAbsent(pin, node.path("pin"));
      if (previous != null) {
        throw node.fail("pin", "GPIO " + pin + " is already used by " + previous);
      }
    }

    void port(ConfigNode node, String port) {
      String previous = ports.putIfAbsent(port, node.path("port"));
      if (previous != null) {
        throw node.fail("port", port + " is already used by " + previous);
      }
    }

    void feed(ConfigNode node, String key, String channel) {
      String previous = fed.putIfAbsent(channel, node.path(key));
      if (previous != null) {
        throw node.fail(key, "channel " + channel + " is already fed by " + previous);
      }
    }
  }
}
