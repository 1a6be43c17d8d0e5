package org.rehabtelemetry.hardware.gpio;

import org.rehabtelemetry.hardware.port.DigitalLine;
import org.rehabtelemetry.hardware.port.MonotonicClock;

/**
 * The start/stop button: a debounced short press, or a long press once the button has been held for
 * the long-press time (fired while still held, so the therapist feels it take effect; the release
 * after a long press fires nothing).
 */
public final class StartStopButton extends DebouncedInput {
  /** What the therapist did. */
  public enum Press {
    SHORT,
    LONG
  }

  /** Hears presses, on the GPIO scanner's thread. */
  @FunctionalInterface
  public interface Listener {
    void pressed(Press press, long nanos);
  }

  private final long longPressNanos;
  private final Listener listener;
  private boolean longFired;

  public StartStopButton(
      DigitalLine line,
      boolean activeLow,
      long debounceNanos,
      long longPressNanos,
      MonotonicClock clock,
      Listener listener) {
    super(line, activeLow, debounceNanos, clock);
    this.longPressNanos = longPressNanos;
    this.listener = listener;
  }

  @Override
  protected void changed(boolean active, long nanos) {
    if (active) {
      longFired = false;
    } else if (!longFired) {
      listener.pressed(Press.SHORT, nanos);
    }
  }

  @Override
  protected void held(boolean active, long steadyNanos, long nanos) {
    if (active && !longFired && steadyNanos >= longPressNanos) {
      longFired = true;
      listener.pressed(Press.LONG, nanos);
    }
  }
}
