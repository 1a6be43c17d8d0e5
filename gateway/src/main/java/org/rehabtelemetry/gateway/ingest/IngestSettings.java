package org.rehabtelemetry.gateway.ingest;

import java.time.Duration;

/**
 * Ingest settings.
 *
 * @param uri the broker, e.g. {@code tcp://127.0.0.1:1883}
 * @param clientId stable per gateway instance, so its persistent session survives restarts
 * @param shareGroup the shared-subscription group; gateways in one group split the messages. Null
 *     for a plain subscription (one gateway only; for brokers without shared subscriptions)
 * @param maxBatchMessages messages written to the database in one batch at most
 * @param maxQueue messages received and not yet written at most; beyond it the MQTT callback waits,
 *     so the broker holds the backlog
 * @param retryInitial first delay after a retryable write failure; doubled up to {@code retryMax}
 * @param retryMax the longest retry delay
 */
public record IngestSettings(
    String uri,
    String clientId,
    String shareGroup,
    int maxBatchMessages,
    int maxQueue,
    Duration retryInitial,
    Duration retryMax) {}
