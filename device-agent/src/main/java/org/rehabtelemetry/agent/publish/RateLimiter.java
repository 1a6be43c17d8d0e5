package org.rehabtelemetry.agent.publish;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code ratePerSecond} tokens a second, holding at most one second's worth. Pure
 * logic on an injected nanosecond clock; not thread-safe.
 */
public final class RateLimiter {
  private final double ratePerNano;
  private final double capacity;
  private final LongSupplier nanos;
  private double tokens;
  private long lastNanos;

  public RateLimiter(int ratePerSecond, LongSupplier nanos) {
    if (ratePerSecond <= 0) {
      throw new IllegalArgumentException("rate must be positive, was " + ratePerSecond);
    }
    this.ratePerNano = ratePerSecond / 1e9;
    this.capacity = ratePerSecond;
    this.nanos = nanos;
    this.tokens = capacity;
    this.lastNanos = nanos.getAsLong();
  }

  /** Takes a token if one is available. */
  public boolean tryAcquire() {
    refill();
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** Nanoseconds until the next token is available (0 if one is). */
  public long nanosUntilAvailable() {
    refill();
    return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / ratePerNano);
  }

  private void refill() {
    long now = nanos.getAsLong();
    tokens = Math.min(capacity, tokens + (now - lastNanos) * ratePerNano);
    lastNanos = now;
  }
}
