package org.rehabtelemetry.hardware.gpio;

import org.rehabtelemetry.hardware.poll.Polled;
import org.rehabtelemetry.hardware.port.DigitalLine;
import org.rehabtelemetry.hardware.port.MonotonicClock;

/**
 * A contact on a GPIO line, debounced, with a configurable active level. Edges are recorded as they
 * come; {@link #poll} confirms a level once it has held for the debounce time, so the scanner must
 * poll more often than the debounce time. Subclasses react to confirmed changes.
 *
 * <p>Thread-safe: edges may arrive on a GPIO library thread while the scanner polls.
 */
public abstract class DebouncedInput implements Polled {
  private final DigitalLine line;
  private final boolean activeLow;
  private final MonotonicClock clock;
  private final Debouncer debouncer;

  protected DebouncedInput(
      DigitalLine line, boolean activeLow, long debounceNanos, MonotonicClock clock) {
    this.line = line;
    this.activeLow = activeLow;
    this.clock = clock;
    this.debouncer = new Debouncer(isActive(line.isHigh()), debounceNanos, clock.nanos());
    line.onChange(this::edge);
  }

  /** The line's name. */
  public String lineName() {
    return line.name();
  }

  /** The debounced state: pressed, occupied, level ok, whatever active means for this input. */
  public synchronized boolean isActive() {
    return debouncer.stable();
  }

  @Override
  public synchronized void poll(long nanos) {
    if (debouncer.update(nanos)) {
      changed(debouncer.stable(), nanos);
    }
    held(debouncer.stable(), nanos - debouncer.rawSinceNanos(), nanos);
  }

  /** Called under this object's lock when the debounced state changed. */
  protected abstract void changed(boolean active, long nanos);

  /** Called on every poll with how long the raw level has been steady; for long presses. */
  protected void held(boolean active, long steadyNanos, long nanos) {}

  private synchronized void edge(boolean high) {
    long now = clock.nanos();
    debouncer.raw(isActive(high), now);
    poll(now);
  }

  private boolean isActive(boolean high) {
    return high != activeLow;
  }
}
