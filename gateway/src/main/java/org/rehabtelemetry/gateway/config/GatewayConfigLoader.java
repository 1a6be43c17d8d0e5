package org.rehabtelemetry.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import org.rehabtelemetry.config.ConfigFiles;
import org.rehabtelemetry.config.ConfigNode;
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
    String group =
        mqtt.has("shareGroup")
            ? mqtt.matching("shareGroup", "[a-z0-9][a-z0-9-]{0,62}", "be 1-63 of a-z 0-9 '-'")
            : mqtt.text("shareGroup", "gateways");
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

    ConfigNode storage = root.object("storage");
    String kind = storage.text("kind", "influxdb-v1");
    if (!kind.equals("influxdb-v1")) {
      throw storage.fail(
          "kind",
          "must be influxdb-v1 (influxdb-v2 and embedded arrive later), was \"" + kind + "\"");
    }
    String url = storage.text("url");
    if (!url.matches("https?://[^\\s]+")) {
      throw storage.fail(
          "url", "must be an http(s) URL such as http://127.0.0.1:8086, was \"" + url + "\"");
    }
    String database = storage.text("database", "rehab");
    String username =
        storage.has("username") ? storage.text("username") : storage.text("username", null);
    char[] password = storage.secretFile("passwordFile", baseDir);
    Duration timeout = storage.millis("timeoutMs", 100, 600_000, 10_000);
    storage.rejectUnknownKeys();

    Path stateDir = baseDir.resolve(root.text("stateDir", "/var/lib/rehab-telemetry/gateway"));
    ConfigNode http = root.optionalObject("http");
    String bind = "127.0.0.1";
    int port = 8090;
    if (http != null) {
      bind = http.text("bind", bind);
      port = http.integer("port", 0, 65_535, port);
      http.rejectUnknownKeys();
    }
    root.rejectUnknownKeys();
    return new GatewayConfig(
        new IngestSettings(uri, clientId, group, maxBatch, maxQueue, retryInitial, retryMax),
        kind,
        url,
        database,
        username,
        password,
        timeout,
        stateDir,
        bind,
        port);
  }
}
