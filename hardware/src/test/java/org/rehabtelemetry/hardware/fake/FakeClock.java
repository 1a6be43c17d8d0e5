package org.rehabtelemetry.hardware.fake;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.rehabtelemetry.hardware.port.MonotonicClock;

/** A monotonic clock that moves only when told. Thread-safe. */
public final class FakeClock implements MonotonicClock {
  private final AtomicLong nanos;

  public FakeClock(long startNanos) {
    this.nanos = new AtomicLong(startNanos);
  }

  public FakeClock() {
    this(1_000_000_000L);
  }

  @Override
  public long nanos() {
    return nanos.get();
  }

  /** Moves the clock forward and returns the new time. */
  public long advance(Duration duration) {
    return nanos.addAndGet(duration.toNanos());
  }
}
