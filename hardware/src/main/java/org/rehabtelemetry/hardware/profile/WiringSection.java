package org.rehabtelemetry.hardware.profile;

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
import org.rehabtelemetry.config.ConfigNode;

/**
 * Reads a profile's {@code wiring}: which driver reads which channel, on which serial port, GPIO
 * pin or I²C bus, and checks that no pin, port or fed channel is used twice.
 */
final class WiringSection {
  private static final Set<Integer> BAUD_RATES =
      Set.of(1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600);
  private static final Pattern PORT = Pattern.compile("/dev/[A-Za-z0-9_./-]+|/[A-Za-z0-9_./-]+");
  private static final int MAX_BCM_PIN = 27;

  private WiringSection() {}

  static Wiring read(ConfigNode root, Map<String, ChannelSpec> channels) {
    return wiring(root.object("wiring"), channels);
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
    Optional<Wiring.Output> buzzer = Optional.empty();
    if (gpio != null) {
      estop = Optional.ofNullable(gpio.optionalObject("emergencyStop")).map(n -> pin(n, uses, 20));
      button =
          Optional.ofNullable(gpio.optionalObject("startStopButton")).map(n -> button(n, uses));
      ConfigNode switchNodes = gpio.optionalObject("switches");
      if (switchNodes != null) {
        for (Map.Entry<String, ConfigNode> entry : switchNodes.entries().entrySet()) {
          ProfileChecks.checkName(switchNodes, entry.getKey(), entry.getKey());
          switches.put(entry.getKey(), pin(entry.getValue(), uses, 50));
        }
      }
      flow =
          Optional.ofNullable(gpio.optionalObject("flowMeter")).map(n -> flow(n, channels, uses));
      buzzer = Optional.ofNullable(gpio.optionalObject("buzzer")).map(n -> output(n, uses));
      gpio.rejectUnknownKeys();
    }
    node.rejectUnknownKeys();
    return new Wiring(hub, oximeter, tilt, estop, button, switches, flow, buzzer);
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
      String channel = ProfileChecks.declared(item, "channel", channels);
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
    String spo2 = ProfileChecks.declared(node, "spo2Channel", channels);
    uses.feed(node, "spo2Channel", spo2);
    String heartRate = ProfileChecks.declared(node, "heartRateChannel", channels);
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
    String channel = ProfileChecks.declared(node, "channel", channels);
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

  private static Wiring.Output output(ConfigNode node, Uses uses) {
    int pin = node.integer("pin", 0, MAX_BCM_PIN);
    uses.pin(node, pin);
    node.rejectUnknownKeys();
    return new Wiring.Output(pin);
  }

  private static Wiring.Button button(ConfigNode node, Uses uses) {
    Duration longPress = node.millis("longPressMs", 300, 10_000, 2000);
    Wiring.Pin pin = pin(node, uses, 30);
    return new Wiring.Button(pin, longPress);
  }

  private static Wiring.Flow flow(ConfigNode node, Map<String, ChannelSpec> channels, Uses uses) {
    int pin = node.integer("pin", 0, MAX_BCM_PIN);
    uses.pin(node, pin);
    String channel = ProfileChecks.declared(node, "channel", channels);
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
