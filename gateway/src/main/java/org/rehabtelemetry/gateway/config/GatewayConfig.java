package org.rehabtelemetry.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import org.rehabtelemetry.gateway.ingest.IngestSettings;

/**
 * The gateway's configuration; see {@code gateway/gateway.sample.yaml}.
 *
 * @param ingest broker connection and batching
 * @param storageKind {@code influxdb-v1} (the v2 API and the embedded store arrive later)
 * @param storageUrl e.g. {@code http://127.0.0.1:8086}
 * @param database the InfluxDB database
 * @param storageUsername null for none
 * @param storagePassword null for none; read from a file, never logged
 * @param storageTimeout one write's timeout
 * @param stateDir where dead letters are kept
 * @param httpBind the address of the metrics and operator API endpoints
 * @param httpPort their port
 */
public record GatewayConfig(
    IngestSettings ingest,
    String storageKind,
    String storageUrl,
    String database,
    String storageUsername,
    char[] storagePassword,
    Duration storageTimeout,
    Path stateDir,
    String httpBind,
    int httpPort) {

  @Override
  public String toString() {
    return "GatewayConfig["
        + ingest
        + ", storage="
        + storageKind
        + " "
        + storageUrl
        + "/"
        + database
        + ", user="
        + storageUsername
        + ", password="
        + (storagePassword == null ? "none" : "***")
        + "]";
  }
}
