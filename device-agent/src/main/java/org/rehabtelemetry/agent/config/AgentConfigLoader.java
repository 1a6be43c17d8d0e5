package org.rehabtelemetry.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.rehabtelemetry.agent.journal.JournalConfig;
import org.rehabtelemetry.agent.publish.MqttSettings;
import org.rehabtelemetry.agent.publish.ReceiptSettings;
import org.rehabtelemetry.config.ConfigFiles;
import org.rehabtelemetry.config.ConfigNode;
import org.rehabtelemetry.config.MqttConnection;
import org.rehabtelemetry.protocol.Identifiers;
import org.rehabtelemetry.protocol.ProtocolException;

/**
 * Reads and validates the agent's YAML config. Every problem fails start-up with the file, the key
 * and the value; the broker password is read from a separate file and never echoed.
 */
public final class AgentConfigLoader {
  private static final Set<String> SENSORS = Set.of("sensorHub", "oximeter", "tilt", "flowMeter");

  private AgentConfigLoader() {}

  public static AgentConfig load(Path file) {
    return parse(file.toString(), ConfigFiles.read(file), file.toAbsolutePath().getParent());
  }

  /** Parses config YAML; relative paths are resolved against {@code baseDir}. */
  public static AgentConfig parse(String source, byte[] yaml, Path baseDir) {
    ConfigNode root = ConfigFiles.parseYaml(source, yaml);

    ConfigNode device = root.object("device");
    String deviceId = checked(device, "id", Identifiers::deviceId);
    String site = checked(device, "site", Identifiers::siteId);
    String profile = device.text("profile");
    device.rejectUnknownKeys();

    String hardware = root.text("hardware", "board");
    if (!hardware.equals("board")) {
      throw root.fail(
          "hardware",
          "must be board (the device's GPIO and I2C), was \""
              + hardware
              + "\"; to run without hardware, use the simulator, which drives Pi4J's mock board"
              + " itself (java -jar simulator.jar device ...)");
    }
    Path stateDir = baseDir.resolve(root.text("stateDir", "/var/lib/rehab-telemetry/agent"));

    JournalConfig journal = journal(root.optionalObject("journal"), stateDir.resolve("journal"));
    ConfigNode mqttNode = root.object("mqtt");
    MqttSettings mqtt =
        new MqttSettings(
            MqttConnection.read(mqttNode, baseDir, "agent-" + deviceId),
            mqttNode.millis("connectTimeoutMs", 500, 60_000, 5_000),
            Duration.ofSeconds(mqttNode.integer("keepAliveSeconds", 5, 600, 30)),
            mqttNode.integer("window", 1, 1000, 64),
            mqttNode.integer("maxMessagesPerSecond", 1, 100_000, 200),
            mqttNode.millis("reconnectInitialMs", 50, 60_000, 500),
            mqttNode.millis("reconnectMaxMs", 100, 600_000, 30_000));
    mqttNode.rejectUnknownKeys();

    ConfigNode session = root.optionalObject("session");
    Duration batchInterval = Duration.ofSeconds(1);
    Duration liveInterval = Duration.ofMillis(100);
    boolean recordTraces = false;
    Duration operatorLinkLost = Duration.ofSeconds(5);
    List<String> required = new ArrayList<>(List.of("sensorHub", "oximeter", "tilt"));
    if (session != null) {
      batchInterval = session.millis("batchIntervalMs", 100, 10_000, 1000);
      liveInterval = session.millis("liveIntervalMs", 0, 1000, 100);
      if (!liveInterval.isZero() && liveInterval.toMillis() < 50) {
        throw session.fail("liveIntervalMs", "must be 0 (no live preview) or 50 to 1000");
      }
      operatorLinkLost = session.millis("operatorLinkLostMs", 1000, 600_000, 5000);
      recordTraces = session.bool("recordTraces", false);
      if (session.has("requiredSensors")) {
        required.clear();
        for (String sensor : session.text("requiredSensors").split(",", -1)) {
          String name = sensor.strip();
          if (!name.isEmpty() && !SENSORS.contains(name)) {
            throw session.fail(
                "requiredSensors", "names unknown sensor \"" + name + "\"; known: " + SENSORS);
          }
          if (!name.isEmpty()) {
            required.add(name);
          }
        }
      } else {
        mark(session, "requiredSensors");
      }
      session.rejectUnknownKeys();
    }

    ConfigNode ui = root.optionalObject("ui");
    String bind = "127.0.0.1";
    int port = 8088;
    Set<String> hostNames = new java.util.LinkedHashSet<>();
    String language = "ru";
    if (ui != null) {
      language = ui.matching("language", "ru|kk|en", "ru, kk or en", language);
      bind = ui.text("bind", bind);
      port = ui.integer("port", 0, 65_535, port);
      for (String name : ui.text("hostNames", "").split(",", -1)) {
        if (!name.isBlank()) {
          hostNames.add(name.strip());
        }
      }
      ui.rejectUnknownKeys();
    }
    Duration alarmLogRetention = alarmLogRetention(root.optionalObject("alarmLog"));
    ReceiptSettings receipts =
        receipts(root.optionalObject("receipts"), stateDir.resolve("receipts-seen"));
    Duration audioPause = Duration.ofMinutes(2);
    Duration alarmPause = Duration.ofSeconds(60);
    ConfigNode sound = root.optionalObject("alarmSound");
    if (sound != null) {
      audioPause = Duration.ofSeconds(sound.integer("audioPauseSeconds", 10, 600, 120));
      alarmPause = Duration.ofSeconds(sound.integer("alarmPauseSeconds", 10, 180, 60));
      sound.rejectUnknownKeys();
    }
    root.rejectUnknownKeys();
    return new AgentConfig(
        deviceId,
        site,
        profile,
        stateDir,
        journal,
        mqtt,
        batchInterval,
        liveInterval,
        required,
        bind,
        port,
        hostNames,
        recordTraces,
        operatorLinkLost,
        alarmLogRetention,
        receipts,
        audioPause,
        alarmPause,
        language);
  }

  private static ReceiptSettings receipts(ConfigNode node, Path seenMarker) {
    ReceiptSettings.Mode mode = ReceiptSettings.Mode.AUTO;
    Duration timeout = Duration.ofSeconds(30);
    Duration grace = Duration.ofHours(1);
    int maxAwaiting = ReceiptSettings.DEFAULT_MAX_AWAITING;
    if (node != null) {
      mode =
          ReceiptSettings.Mode.valueOf(
              node.matching("mode", "auto|required|ignore", "auto, required or ignore", "auto")
                  .toUpperCase(java.util.Locale.ROOT));
      timeout = node.millis("timeoutMs", 1_000, 3_600_000, timeout.toMillis());
      grace = node.millis("graceMs", 60_000, 7 * 86_400_000L, grace.toMillis());
      maxAwaiting = node.integer("maxAwaiting", 8, 10_000, maxAwaiting);
      node.rejectUnknownKeys();
    }
    return new ReceiptSettings(mode, timeout, grace, seenMarker, maxAwaiting);
  }

  private static Duration alarmLogRetention(ConfigNode node) {
    if (node == null) {
      return Duration.ofDays(730);
    }
    Duration retention = Duration.ofDays(node.integer("retentionDays", 30, 36_500, 730));
    node.rejectUnknownKeys();
    return retention;
  }

  private static JournalConfig journal(ConfigNode node, Path dir) {
    JournalConfig defaults = JournalConfig.defaults(dir);
    if (node == null) {
      return defaults;
    }
    long segment = node.integer("segmentBytes", 4096, 1 << 30, (int) defaults.segmentBytes());
    long max =
        (long) node.integer("maxMegabytes", 1, 1 << 20, (int) (defaults.maxBytes() >> 20)) << 20;
    if (max < 2 * segment) {
      throw node.fail(
          "maxMegabytes", "must hold at least two segments (" + 2 * segment + " bytes)");
    }
    JournalConfig config =
        new JournalConfig(
            dir,
            segment,
            max,
            Duration.ofDays(node.integer("maxAgeDays", 1, 3650, (int) defaults.maxAge().toDays())),
            node.millis("commitIntervalMs", 10, 10_000, defaults.commitInterval().toMillis()),
            (long) node.integer("maxUnwrittenMegabytes", 1, 1024, 16) << 20);
    node.rejectUnknownKeys();
    return config;
  }

  private interface Check {
    String apply(String field, String value);
  }

  private static String checked(ConfigNode node, String key, Check check) {
    String value = node.text(key);
    try {
      return check.apply(key, value);
    } catch (ProtocolException e) {
      throw node.fail(key, e.reason());
    }
  }

  private static String mark(ConfigNode node, String key) {
    node.text(key, null);
    return null;
  }
}
