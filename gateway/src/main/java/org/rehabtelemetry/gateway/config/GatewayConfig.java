package org.rehabtelemetry.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.rehabtelemetry.config.MqttConnection;
import org.rehabtelemetry.gateway.auth.DashboardSettings;
import org.rehabtelemetry.gateway.ingest.CardinalityGuard;
import org.rehabtelemetry.gateway.ingest.IngestSettings;
import org.rehabtelemetry.gateway.records.RecordsSettings;
import org.rehabtelemetry.gateway.storage.StoreSettings;

/**
 * The gateway's configuration; see {@code gateway/gateway.sample.yaml}. Secrets inside are never
 * printed by {@link #toString()}.
 *
 * @param mqtt the broker, client id, credentials and TLS
 * @param ingest subscription, batching, memory bound, retries and the time window
 * @param storage where points go
 * @param stateDir where dead letters, the audit log, known names and (by default) the embedded
 *     store are kept; one gateway per directory
 * @param httpBind the address of the dashboard, its API and the metrics
 * @param httpPort their port
 * @param httpHostNames the names operators reach the gateway by besides its address and localhost;
 *     empty accepts any
 * @param dashboard operator accounts and the login session
 * @param deadLetterMaxBytes dead letters kept on disk at most
 * @param deadLetterMaxAge dead letters kept at most this long
 * @param cardinality what a device population may create in the database
 * @param maxTrackedSessions unfinished sessions whose completeness is tracked at once
 * @param enrolmentDir the provisioning directory whose {@code registry.json} lists the devices
 *     allowed to send; null: the check is off and any device id is accepted (the demo)
 * @param communicationLoss how long a running session may stay silent before the operator gets a
 *     communication-loss alarm
 * @param alarmLogRetention how long the gateway's alarm log keeps a month's file after it ended
 * @param audioPause how long an operator's AUDIO PAUSED silences the dashboard's alarm sound
 * @param receiptInterval how often storage receipts go to the devices; zero sends none (devices
 *     then free records a grace period after the broker's acknowledgement)
 * @param records the clinic's records: time zone, courses, report language and fonts
 */
public record GatewayConfig(
    MqttConnection mqtt,
    IngestSettings ingest,
    StoreSettings storage,
    Path stateDir,
    String httpBind,
    int httpPort,
    Set<String> httpHostNames,
    DashboardSettings dashboard,
    long deadLetterMaxBytes,
    Duration deadLetterMaxAge,
    CardinalityGuard.Bounds cardinality,
    int maxTrackedSessions,
    Path enrolmentDir,
    Duration communicationLoss,
    Duration alarmLogRetention,
    Duration audioPause,
    Duration receiptInterval,
    RecordsSettings records) {}
