package org.rehabtelemetry.gateway.config;

import java.nio.file.Path;
import org.rehabtelemetry.gateway.ingest.IngestSettings;

/**
 * The gateway's configuration; see {@code gateway/gateway.sample.yaml}. Secrets inside are never
 * printed by {@link #toString()}.
 *
 * @param ingest broker connection and batching
 * @param storage where points go
 * @param stateDir where dead letters (and the embedded store by default) are kept
 * @param httpBind the address of the dashboard, its API and the metrics
 * @param httpPort their port
 * @param dashboard operator accounts and the login session
 */
public record GatewayConfig(
    IngestSettings ingest,
    StorageSettings storage,
    Path stateDir,
    String httpBind,
    int httpPort,
    DashboardSettings dashboard) {}
