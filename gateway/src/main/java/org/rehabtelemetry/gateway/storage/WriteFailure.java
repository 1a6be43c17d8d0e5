package org.rehabtelemetry.gateway.storage;

import java.time.Duration;

/**
 * Why a write failed, and what to do about it.
 *
 * @param retry whether trying again can succeed (timeouts, 5xx, 429); false means the data itself
 *     is refused (400) and becomes a dead letter
 * @param retryAfter how long to wait first (from Retry-After, or the backoff's choice when zero)
 * @param reason what the server or the network said, for logs, metrics and dead letters
 */
public record WriteFailure(boolean retry, Duration retryAfter, String reason) {}
