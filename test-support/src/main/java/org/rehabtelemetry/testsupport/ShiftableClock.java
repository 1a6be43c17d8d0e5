package org.rehabtelemetry.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A wall clock that runs with the system's, and that a test can move forward: for a server that
 * must keep working in real time (logins, live streams, timeouts) while a test skips a long wait,
 * such as a two-minute alarm pause. Thread-safe.
 */
public final class ShiftableClock extends Clock {
  private volatile Duration shift = Duration.ZERO;

  /** Moves this clock forward by {@code duration}, for good. */
  public void jump(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a shiftable clock only moves forward: " + duration);
    }
    synchronized (this) {
      shift = shift.plus(duration);
    }
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(shift);
  }
}
