package org.rehabtelemetry.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.rehabtelemetry.config.ConfigFiles;
import org.rehabtelemetry.config.ConfigNode;
import org.rehabtelemetry.gateway.dashboard.OperatorAccount;
import org.rehabtelemetry.gateway.dashboard.PasswordHash;
import org.rehabtelemetry.gateway.ingest.IngestSettings;

/** Reads and validates the gateway's YAML config; every problem names the file, key and value. */
public final class GatewayConfigLoader {
  private GatewayConfigLoader() {}

  public static GatewayConfig load(Path file) {
    return parse(file.toString(), ConfigFiles.read(file), file.toAbsolutePath().getParent());
  }

  public static GatewayConfig parse(String source, byte[] yaml, Path baseDir) {
    ConfigNode root = ConfigFiles.parseYaml(source, yaml);
    ConfigNode mqtt = root.object("mqtt");
    String uri = mqtt.mqttUri("uri");
    String clientId = mqtt.text("clientId", "gateway-1");
    // No group by default: Mosquitto 2.0.11 (Debian 12) does not restore an offline session's
    // shared subscription after a restart, so messages published before the gateway resubscribes
    // are dropped. A plain persistent subscription is restored and queues them (docs/gateway.md).
    String group =
        mqtt.has("shareGroup")
            ? mqtt.matching(
                "shareGroup", "none|[a-z0-9][a-z0-9-]{0,62}", "be none or 1-63 of a-z 0-9 '-'")
            : mqtt.text("shareGroup", "none");
    if (group.equals("none")) {
      group = null;
    }
    mqtt.rejectUnknownKeys();

    ConfigNode ingest = root.optionalObject("ingest");
    int maxBatch = 500;
    int maxQueue = 1000;
    Duration retryInitial = Duration.ofMillis(500);
    Duration retryMax = Duration.ofSeconds(30);
    if (ingest != null) {
      maxBatch = ingest.integer("maxBatchMessages", 1, 100_000, maxBatch);
      maxQueue = ingest.integer("maxQueue", 1, 1_000_000, maxQueue);
      retryInitial = ingest.millis("retryInitialMs", 10, 60_000, 500);
      retryMax = ingest.millis("retryMaxMs", 100, 600_000, 30_000);
      ingest.rejectUnknownKeys();
    }

    Path stateDir = baseDir.resolve(root.text("stateDir", "/var/lib/rehab-telemetry/gateway"));
    StorageSettings storage = storage(root.optionalObject("storage"), baseDir, stateDir);
    ConfigNode http = root.optionalObject("http");
    String bind = "127.0.0.1";
    int port = 8090;
    if (http != null) {
      bind = http.text("bind", bind);
      port = http.integer("port", 0, 65_535, port);
      http.rejectUnknownKeys();
    }
    DashboardSettings dashboard = dashboard(root.optionalObject("dashboard"));
    root.rejectUnknownKeys();
    return new GatewayConfig(
        new IngestSettings(uri, clientId, group, maxBatch, maxQueue, retryInitial, retryMax),
        storage,
        stateDir,
        bind,
        port,
        dashboard);
  }

  private static StorageSettings storage(ConfigNode storage, Path baseDir, Path stateDir) {
    if (storage == null) {
      return new StorageSettings.Embedded(stateDir.resolve("questdb"), 0);
    }
    String kind = storage.text("kind");
    StorageSettings settings =
        switch (kind) {
          case "embedded" ->
              new StorageSettings.Embedded(
                  stateDir.resolve(storage.text("dataDir", "questdb")),
                  storage.integer("consolePort", 0, 65_535, 0));
          case "influxdb-v1" ->
              new StorageSettings.InfluxV1(
                  url(storage),
                  storage.text("database", "rehab"),
                  storage.has("username") ? storage.text("username") : null,
                  storage.secretFile("passwordFile", baseDir),
                  storage.millis("timeoutMs", 100, 600_000, 10_000));
          case "influxdb-v2" ->
              new StorageSettings.InfluxV2(
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
    List<ConfigNode> accounts = dashboard.optionalList("operators");
    for (int i = 0; i < accounts.size(); i++) {
      ConfigNode account = accounts.get(i);
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
      account.rejectUnknownKeys();
      operators.add(new OperatorAccount(username, hash));
    }
    Duration lifetime =
        Duration.ofMinutes(dashboard.integer("sessionMinutes", 5, 7 * 24 * 60, 8 * 60));
    boolean secure = dashboard.bool("secureCookie", false);
    dashboard.rejectUnknownKeys();
    return new DashboardSettings(operators, lifetime, secure);
  }
}
