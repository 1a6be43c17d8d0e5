package org.rehabtelemetry.gateway.ingest;

import java.time.Duration;
import org.rehabtelemetry.protocol.TimeWindow;

/**
 * Ingest settings.
 *
 * @param shareGroup the shared-subscription group; gateways in one group split the messages. Null
 *     for a plain subscription (one gateway only, or a broker without shared subscriptions)
 * @param maxBatchMessages messages written to the database in one batch at most
 * @param maxBatchBytes payload bytes in one batch at most
 * @param maxQueueBytes payload bytes received and not yet stored at most; beyond it the broker's
 *     delivery thread waits, so the broker holds the backlog. Bounds ingest memory whatever the
 *     message sizes (a decoded message weighs about four times its payload)
 * @param retryInitial first delay after a retryable failure; doubled up to {@code retryMax}, ±25 %
 * @param retryMax the longest retry delay
 * @param window how far message times may lie from this gateway's clock
 */
public record IngestSettings(
    String shareGroup,
    int maxBatchMessages,
    int maxBatchBytes,
    long maxQueueBytes,
    Duration retryInitial,
    Duration retryMax,
    TimeWindow window) {}
