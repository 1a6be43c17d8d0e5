package org.rehabtelemetry.agent.alarm.sound;

import java.time.Duration;

/**
 * A time-limited inactivation state (AUDIO PAUSED, ALARM PAUSED) on the monotonic clock: on from
 * {@link #start} until its length has passed or it is {@link #end ended} early. Times in
 * nanoseconds of the caller's monotonic clock. Not thread-safe: its owner's lock guards it.
 */
final class TimedPause {
  private final Duration length;
  private boolean on;
  private long untilNanos;

  TimedPause(Duration length) {
    this.length = length;
  }

  /** Starts (or starts again) at {@code nowNanos}. */
  void start(long nowNanos) {
    on = true;
    untilNanos = nowNanos + length.toNanos();
  }

  void end() {
    on = false;
  }

  boolean isOn() {
    return on;
  }

  /** Whether it is on and its time has passed at {@code nowNanos}. */
  boolean isOver(long nowNanos) {
    return on && nowNanos - untilNanos >= 0;
  }

  /** Whole seconds left at {@code nowNanos}, rounded up; 0 when off. */
  long secondsLeft(long nowNanos) {
    if (!on) {
      return 0;
    }
    long left = untilNanos - nowNanos;
    return left <= 0 ? 0 : (left + 999_999_999L) / 1_000_000_000L;
  }

  /** Its length in words for a person: {@code 2 min} or {@code 90 s}. */
  String lengthInWords() {
    long seconds = length.toSeconds();
    return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
  }
}
