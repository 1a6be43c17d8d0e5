package org.rehabtelemetry.hardware.gpio;

/**
 * Debounces a contact: the stable level follows the raw level only after the raw level has held for
 * the debounce time. Pure logic on timestamps; not thread-safe.
 */
public final class Debouncer {
  private final long debounceNanos;
  private boolean raw;
  private boolean stable;
  private long rawSinceNanos;

  public Debouncer(boolean initialLevel, long debounceNanos, long nowNanos) {
    this.debounceNanos = debounceNanos;
    this.raw = initialLevel;
    this.stable = initialLevel;
    this.rawSinceNanos = nowNanos;
  }

  /** Records a raw level seen at {@code nanos}. */
  public void raw(boolean level, long nanos) {
    if (level != raw) {
      raw = level;
      rawSinceNanos = nanos;
    }
  }

  /**
   * Moves the stable level to the raw level if that has held long enough.
   *
   * @return whether the stable level changed
   */
  public boolean update(long nanos) {
    if (raw != stable && nanos - rawSinceNanos >= debounceNanos) {
      stable = raw;
      return true;
    }
    return false;
  }

  /** The debounced level. */
  public boolean stable() {
    return stable;
  }

  /** When the raw level last changed. */
  public long rawSinceNanos() {
    return rawSinceNanos;
  }
}
