package org.rehabtelemetry.agent.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.rehabtelemetry.hardware.port.MonotonicClock;

/**
 * Turns monotonic sample times into wall-clock times.
 *
 * <p>Samples are stamped on the monotonic clock, which never jumps; this maps them to wall time
 * through an anchor taken when the agent starts. A Pi without a real-time clock boots with the
 * wrong wall time and NTP later moves it: {@link #checkJump()} notices the wall clock leaving the
 * anchored line by more than a tolerance and reports it. While a session runs the anchor is kept,
 * so the session's samples stay evenly spaced and never go back; {@link #reanchor()} is called
 * between sessions. Thread-safe.
 */
public final class Timebase {
  private final Clock wall;
  private final MonotonicClock monotonic;
  private final long toleranceNanos;
  private long anchorEpochNanos;
  private long anchorMonotonicNanos;

  public Timebase(Clock wall, MonotonicClock monotonic, Duration jumpTolerance) {
    this.wall = wall;
    this.monotonic = monotonic;
    this.toleranceNanos = jumpTolerance.toNanos();
    reanchor();
  }

  /** Re-reads the wall clock as the anchor. Call only when no session is running. */
  public synchronized void reanchor() {
    Instant now = wall.instant();
    anchorEpochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    anchorMonotonicNanos = monotonic.nanos();
  }

  /** The wall time, in microseconds since the epoch, of a monotonic time. */
  public synchronized long epochMicros(long monotonicNanos) {
    return (anchorEpochNanos + (monotonicNanos - anchorMonotonicNanos)) / 1000;
  }

  /** The wall time of a monotonic time. */
  public Instant instant(long monotonicNanos) {
    long micros = epochMicros(monotonicNanos);
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L);
  }

  /** The anchored wall time now. */
  public Instant now() {
    return instant(monotonic.nanos());
  }

  /**
   * How far the wall clock has moved away from the anchored time, if more than the tolerance.
   *
   * @return the jump (positive: the wall clock moved forward), or {@link Duration#ZERO}
   */
  public synchronized Duration checkJump() {
    Instant actual = wall.instant();
    long actualNanos = actual.getEpochSecond() * 1_000_000_000L + actual.getNano();
    long expected = anchorEpochNanos + (monotonic.nanos() - anchorMonotonicNanos);
    long jump = actualNanos - expected;
    return Math.abs(jump) > toleranceNanos ? Duration.ofNanos(jump) : Duration.ZERO;
  }
}
