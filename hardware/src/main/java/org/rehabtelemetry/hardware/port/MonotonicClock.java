package org.rehabtelemetry.hardware.port;

/**
 * A monotonic clock in nanoseconds, for debouncing, rates and silence detection. Never jumps when
 * the wall clock is set. Thread-safe.
 */
@FunctionalInterface
public interface MonotonicClock {
  /** The system's monotonic clock ({@link System#nanoTime()}). */
  MonotonicClock SYSTEM = System::nanoTime;

  /** Nanoseconds since an arbitrary fixed origin; only differences are meaningful. */
  long nanos();
}
