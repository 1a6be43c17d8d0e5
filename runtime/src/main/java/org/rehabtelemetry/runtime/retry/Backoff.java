package org.rehabtelemetry.runtime.retry;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Capped exponential backoff with jitter: the n-th delay is {@code initial × 2^n}, capped at {@code
 * max}, then spread by ±25 % so that many devices (or gateways) do not retry in step. The one
 * backoff of the project: serial reconnects, broker reconnects, database and dead-letter retries.
 * Not thread-safe; one instance per retrying loop.
 */
public final class Backoff {
  private final long initialNanos;
  private final long maxNanos;
  private final DoubleSupplier random;
  private int attempt;

  /**
   * @param random uniform values in [0, 1), e.g. {@code Math::random}; a constant in tests
   */
  public Backoff(Duration initial, Duration max, DoubleSupplier random) {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + ", " + max);
    }
    this.initialNanos = initial.toNanos();
    this.maxNanos = max.toNanos();
    this.random = random;
  }

  /** The next delay; each call doubles the base until the cap. */
  public Duration next() {
    long base =
        attempt >= 62 ? maxNanos : Math.min(maxNanos, initialNanos << Math.min(attempt, 40));
    if (base < 0) {
      base = maxNanos;
    }
    attempt++;
    double factor = 0.75 + 0.5 * random.getAsDouble();
    return Duration.ofNanos((long) (base * factor));
  }

  /** A backoff with {@link Math#random()} as its jitter source. */
  public static Backoff withJitter(Duration initial, Duration max) {
    return new Backoff(initial, max, Math::random);
  }

  /** Starts again from the initial delay, after a success. */
  public void reset() {
    attempt = 0;
  }
}
