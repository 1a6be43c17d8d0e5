package org.rehabtelemetry.gateway.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rehabtelemetry.config.ConfigFiles;
import org.rehabtelemetry.config.ConfigNode;
import org.rehabtelemetry.config.MqttConnection;
import org.rehabtelemetry.gateway.auth.DashboardSettings;
import org.rehabtelemetry.gateway.auth.OperatorAccount;
import org.rehabtelemetry.gateway.auth.PasswordHash;
import org.rehabtelemetry.gateway.auth.Role;
import org.rehabtelemetry.gateway.ingest.CardinalityGuard;
import org.rehabtelemetry.gateway.ingest.IngestSettings;
import org.rehabtelemetry.gateway.records.RecordsSettings;
import org.rehabtelemetry.gateway.storage.StoreSettings;
import org.rehabtelemetry.gateway.storage.influxv1.InfluxV1Settings;
import org.rehabtelemetry.gateway.storage.influxv2.InfluxV2Settings;
import org.rehabtelemetry.gateway.storage.questdb.EmbeddedSettings;
import org.rehabtelemetry.protocol.TimeWindow;
import org.rehabtelemetry.records.course.Course;
import org.rehabtelemetry.records.i18n.Language;

/** Reads and validates the gateway's YAML config; every problem names the file, key and value. */
public final class GatewayConfigLoader {
  private GatewayConfigLoader() {}

  public static GatewayConfig load(Path file) {
    return parse(file.toString(), ConfigFiles.read(file), file.toAbsolutePath().getParent());
  }

  public static GatewayConfig parse(String source, byte[] yaml, Path baseDir) {
    ConfigNode root = ConfigFiles.parseYaml(source, yaml);
    ConfigNode mqtt = root.object("mqtt");
    MqttConnection connection = MqttConnection.read(mqtt, baseDir, "gateway-1");
    // No group by default: Mosquitto 2.0.11 (Debian 12) does not restore an offline session's
    // shared subscription after a restart, so messages published before the gateway resubscribes
    // are dropped. A plain persistent subscription is restored and queues them (docs/gateway.md).
    String group =
        mqtt.matching(
            "shareGroup", "none|[a-z0-9][a-z0-9-]{0,62}", "be none or 1-63 of a-z 0-9 '-'", "none");
    mqtt.rejectUnknownKeys();
    IngestSettings ingest =
        ingest(root.optionalObject("ingest"), group.equals("none") ? null : group);
    Path stateDir = baseDir.resolve(root.text("stateDir", "/var/lib/rehab-telemetry/gateway"));
    StoreSettings storage = storage(root.optionalObject("storage"), baseDir, stateDir);
    ConfigNode http = root.optionalObject("http");
    String bind = "127.0.0.1";
    int port = 8090;
    Set<String> hostNames = new LinkedHashSet<>();
    if (http != null) {
      bind = http.text("bind", bind);
      port = http.integer("port", 0, 65_535, port);
      for (String name : http.text("hostNames", "").split(",", -1)) {
        if (!name.isBlank()) {
          hostNames.add(name.strip());
        }
      }
      http.rejectUnknownKeys();
    }
    DashboardSettings dashboard = dashboard(root.optionalObject("dashboard"));
    ConfigNode deadLetters = root.optionalObject("deadLetters");
    long deadLetterBytes = 256L << 20;
    Duration deadLetterAge = Duration.ofDays(90);
    if (deadLetters != null) {
      deadLetterBytes = (long) deadLetters.integer("maxMegabytes", 1, 1 << 20, 256) << 20;
      deadLetterAge = Duration.ofDays(deadLetters.integer("maxAgeDays", 1, 3650, 90));
      deadLetters.rejectUnknownKeys();
    }
    ConfigNode limits = root.optionalObject("limits");
    CardinalityGuard.Bounds bounds = CardinalityGuard.Bounds.DEFAULT;
    int maxSessions = 2000;
    if (limits != null) {
      bounds = bounds(limits);
      maxSessions = limits.integer("trackedSessions", 10, 1_000_000, maxSessions);
      limits.rejectUnknownKeys();
    }
    Path enrolmentDir = null;
    ConfigNode devices = root.optionalObject("devices");
    if (devices != null) {
      enrolmentDir = baseDir.resolve(devices.text("enrolmentDir"));
      Path registry = enrolmentDir.resolve("registry.json");
      if (Files.isDirectory(enrolmentDir)
          && (!Files.isExecutable(enrolmentDir)
              || (Files.exists(registry) && !Files.isReadable(registry)))) {
        throw devices.fail(
            "enrolmentDir",
            "cannot read "
                + registry
                + " as "
                + System.getProperty("user.name")
                + ": the directory needs mode 2755 and the registry 0644 (docs/security.md)");
      }
      if (!Files.isRegularFile(registry)) {
        throw devices.fail(
            "enrolmentDir",
            "has no registry.json in "
                + enrolmentDir
                + " (enrol devices first: gateway provision device --dir "
                + enrolmentDir
                + " ...)");
      }
      devices.rejectUnknownKeys();
    }
    Duration communicationLoss = Duration.ofSeconds(3);
    Duration alarmLogRetention = Duration.ofDays(730);
    Duration audioPause = Duration.ofMinutes(2);
    ConfigNode alarms = root.optionalObject("alarms");
    if (alarms != null) {
      communicationLoss = alarms.millis("communicationLossMs", 1000, 600_000, 3000);
      alarmLogRetention = Duration.ofDays(alarms.integer("logRetentionDays", 30, 36_500, 730));
      audioPause = Duration.ofSeconds(alarms.integer("audioPauseSeconds", 10, 600, 120));
      alarms.rejectUnknownKeys();
    }
    Duration receiptInterval = Duration.ofMillis(250);
    ConfigNode receipts = root.optionalObject("receipts");
    if (receipts != null) {
      receiptInterval = receipts.millis("intervalMs", 0, 10_000, 250);
      receipts.rejectUnknownKeys();
    }
    RecordsSettings records = records(root.optionalObject("records"), baseDir);
    root.rejectUnknownKeys();
    return new GatewayConfig(
        connection,
        ingest,
        storage,
        stateDir,
        bind,
        port,
        hostNames,
        dashboard,
        deadLetterBytes,
        deadLetterAge,
        bounds,
        maxSessions,
        enrolmentDir,
        communicationLoss,
        alarmLogRetention,
        audioPause,
        receiptInterval,
        records);
  }

  /** The {@code records} section: the clinic's zone, courses and the reports' fonts. */
  private static RecordsSettings records(ConfigNode records, Path baseDir) {
    RecordsSettings defaults = RecordsSettings.defaults();
    if (records == null) {
      return defaults;
    }
    ZoneId zone = defaults.timeZone();
    if (records.has("timeZone")) {
      try {
        zone = ZoneId.of(records.text("timeZone"));
      } catch (java.time.DateTimeException e) {
        throw records.fail("timeZone", "is not a time zone (e.g. Asia/Almaty): " + e.getMessage());
      }
    }
    Duration gap = Duration.ofDays(records.integer("courseGapDays", 1, 365, 21));
    int prescribed = records.integer("defaultPrescribedSessions", 0, Course.MAX_PRESCRIBED, 12);
    Language language =
        Language.of(records.matching("language", "ru|kk|en", "be ru, kk or en", "ru"))
            .orElseThrow();
    Path regular = records.readableFile("fontRegular", baseDir);
    Path bold = records.readableFile("fontBold", baseDir);
    records.rejectUnknownKeys();
    return new RecordsSettings(
        zone,
        gap,
        prescribed,
        language,
        regular != null ? regular : defaults.fontRegular(),
        bold != null ? bold : defaults.fontBold());
  }

  private static IngestSettings ingest(ConfigNode ingest, String group) {
    int maxBatch = 500;
    int maxBatchBytes = 2 << 20;
    long maxQueueBytes = 16L << 20;
    Duration retryInitial = Duration.ofMillis(500);
    Duration retryMax = Duration.ofSeconds(30);
    TimeWindow window = TimeWindow.DEFAULT;
    if (ingest != null) {
      maxBatch = ingest.integer("maxBatchMessages", 1, 100_000, maxBatch);
      maxBatchBytes = ingest.integer("maxBatchKilobytes", 256, 1 << 20, maxBatchBytes >> 10) << 10;
      maxQueueBytes = (long) ingest.integer("maxQueueMegabytes", 1, 4096, 16) << 20;
      retryInitial = ingest.millis("retryInitialMs", 10, 60_000, 500);
      retryMax = ingest.millis("retryMaxMs", 100, 600_000, 30_000);
      window =
          new TimeWindow(
              Duration.ofSeconds(ingest.integer("maxFutureSkewSeconds", 1, 86_400, 600)),
              Duration.ofDays(ingest.integer("maxBackfillDays", 1, 3650, 30)));
      ingest.rejectUnknownKeys();
    }
    return new IngestSettings(
        group, maxBatch, maxBatchBytes, maxQueueBytes, retryInitial, retryMax, window);
  }

  private static CardinalityGuard.Bounds bounds(ConfigNode limits) {
    Map<CardinalityGuard.Kind, Integer> names =
        new EnumMap<>(CardinalityGuard.Bounds.DEFAULT.names());
    names.put(
        CardinalityGuard.Kind.DEVICE,
        limits.integer("devices", 1, 100_000, names.get(CardinalityGuard.Kind.DEVICE)));
    names.put(
        CardinalityGuard.Kind.CHANNEL,
        limits.integer("channels", 1, 100_000, names.get(CardinalityGuard.Kind.CHANNEL)));
    names.put(
        CardinalityGuard.Kind.UNIT,
        limits.integer("units", 1, 10_000, names.get(CardinalityGuard.Kind.UNIT)));
    names.put(
        CardinalityGuard.Kind.ALARM_CODE,
        limits.integer("alarmCodes", 1, 100_000, names.get(CardinalityGuard.Kind.ALARM_CODE)));
    names.put(
        CardinalityGuard.Kind.METRIC,
        limits.integer("metricNames", 1, 100_000, names.get(CardinalityGuard.Kind.METRIC)));
    names.put(
        CardinalityGuard.Kind.SETTING,
        limits.integer("settingNames", 1, 100_000, names.get(CardinalityGuard.Kind.SETTING)));
    int sessions =
        limits.integer(
            "sessionsPerDevicePerDay",
            1,
            100_000,
            CardinalityGuard.Bounds.DEFAULT.sessionsPerDevicePerDay());
    return new CardinalityGuard.Bounds(names, sessions);
  }

  private static StoreSettings storage(ConfigNode storage, Path baseDir, Path stateDir) {
    if (storage == null) {
      return new EmbeddedSettings(stateDir.resolve("questdb"), 0);
    }
    String kind = storage.text("kind");
    StoreSettings settings =
        switch (kind) {
          case "embedded" ->
              new EmbeddedSettings(
                  stateDir.resolve(storage.text("dataDir", "questdb")),
                  storage.integer("consolePort", 0, 65_535, 0),
                  storage.secretFile("consolePasswordFile", baseDir));
          case "influxdb-v1" ->
              new InfluxV1Settings(
                  url(storage),
                  storage.text("database", "rehab"),
                  storage.has("username")
                      ? storage.text("username")
                      : storage.text("username", null),
                  storage.secretFile("passwordFile", baseDir),
                  storage.millis("timeoutMs", 100, 600_000, 10_000));
          case "influxdb-v2" ->
              new InfluxV2Settings(
                  url(storage),
                  storage.text("org"),
                  storage.text("bucket"),
                  storage.secretFile("tokenFile", baseDir),
                  storage.millis("timeoutMs", 100, 600_000, 10_000));
          default ->
              throw storage.fail(
                  "kind", "must be embedded, influxdb-v1 or influxdb-v2, was \"" + kind + "\"");
        };
    storage.rejectUnknownKeys();
    return settings;
  }

  private static String url(ConfigNode storage) {
    String url = storage.text("url");
    if (!url.matches("https?://[^\\s]+")) {
      throw storage.fail(
          "url", "must be an http(s) URL such as http://127.0.0.1:8086, was \"" + url + "\"");
    }
    return url;
  }

  private static DashboardSettings dashboard(ConfigNode dashboard) {
    if (dashboard == null) {
      return new DashboardSettings(List.of(), Duration.ofHours(8), false);
    }
    List<OperatorAccount> operators = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfigNode account : dashboard.optionalList("operators")) {
      String username =
          account.matching(
              "username", "[A-Za-z0-9][A-Za-z0-9._-]{0,63}", "be 1-64 of A-Z a-z 0-9 . _ -");
      if (!names.add(username)) {
        throw account.fail("username", "is listed twice, was \"" + username + "\"");
      }
      PasswordHash hash;
      try {
        hash = PasswordHash.parse(account.text("passwordHash"));
      } catch (IllegalArgumentException e) {
        // The value is a secret's hash: name the problem, never echo it.
        throw account.fail("passwordHash", e.getMessage());
      }
      String roleText = account.text("role", "operator");
      Role role = Role.parse(roleText);
      if (role == null) {
        throw account.fail("role", "must be viewer, operator or admin, was \"" + roleText + "\"");
      }
      String language =
          account.has("language")
              ? account.matching("language", "ru|kk|en", "be ru, kk or en")
              : account.text("language", null);
      account.rejectUnknownKeys();
      operators.add(new OperatorAccount(username, hash, role, language));
    }
    Duration lifetime =
        Duration.ofMinutes(dashboard.integer("sessionMinutes", 5, 7 * 24 * 60, 8 * 60));
    boolean secure = dashboard.bool("secureCookie", false);
    dashboard.rejectUnknownKeys();
    return new DashboardSettings(operators, lifetime, secure);
  }
}
