package org.rehabtelemetry.gateway.config;

import java.nio.file.Path;
import java.time.Duration;

/** Where the gateway stores points: one of three kinds, chosen by {@code storage.kind}. */
public sealed interface StorageSettings {
  /** The {@code kind} as written in the config. */
  String kind();

  /**
   * QuestDB inside the gateway, written through the v2 API: the default, needs nothing installed.
   *
   * @param dataDir its data directory
   * @param consolePort its loopback HTTP port (writes, SQL, web console); 0 for any free port
   */
  record Embedded(Path dataDir, int consolePort) implements StorageSettings {
    @Override
    public String kind() {
      return "embedded";
    }
  }

  /**
   * InfluxDB 1.x through {@code /write} (Debian's 1.6.7).
   *
   * @param username null for none
   * @param password null for none; read from a file, never logged
   */
  record InfluxV1(String url, String database, String username, char[] password, Duration timeout)
      implements StorageSettings {
    @Override
    public String kind() {
      return "influxdb-v1";
    }

    @Override
    public String toString() {
      return "InfluxV1[" + url + "/" + database + ", user=" + username + secret(password) + "]";
    }
  }

  /**
   * InfluxDB 2.x, 3.x, Cloud or 1.8+ through {@code /api/v2/write} (influxdb-client-java).
   *
   * @param token null for none; read from a file, never logged
   */
  record InfluxV2(String url, String org, String bucket, char[] token, Duration timeout)
      implements StorageSettings {
    @Override
    public String kind() {
      return "influxdb-v2";
    }

    @Override
    public String toString() {
      return "InfluxV2[" + url + " org=" + org + " bucket=" + bucket + secret(token) + "]";
    }
  }

  private static String secret(char[] secret) {
    return secret == null ? ", no secret" : ", secret=***";
  }
}
