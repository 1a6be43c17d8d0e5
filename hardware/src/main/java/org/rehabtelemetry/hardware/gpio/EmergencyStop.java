package org.rehabtelemetry.hardware.gpio;

import org.rehabtelemetry.hardware.port.DigitalLine;
import org.rehabtelemetry.hardware.port.MonotonicClock;

/**
 * The emergency stop. The stop itself is wired in hardware; the board only reads it and latches.
 *
 * <p>A debounced press latches the stop; the latch stays after the button is released, until a
 * therapist deliberately {@linkplain #reset() resets} it, which is refused while the button is
 * still pressed. If the line is already active at start-up the stop starts latched. State is
 * readable at any time from any thread.
 */
public final class EmergencyStop extends DebouncedInput {
  /** Hears latches and resets. Called on the GPIO scanner's thread or the resetting thread. */
  public interface Listener {
    void latched(long nanos);

    void reset(long nanos);
  }

  private final Listener listener;
  private final MonotonicClock clock;
  private volatile boolean latched;

  public EmergencyStop(
      DigitalLine line,
      boolean activeLow,
      long debounceNanos,
      MonotonicClock clock,
      Listener listener) {
    super(line, activeLow, debounceNanos, clock);
    this.listener = listener;
    this.clock = clock;
    this.latched = isActive();
  }

  /** Whether the stop is latched: true from a press until a successful reset. */
  public boolean isLatched() {
    return latched;
  }

  /** Whether the button is pressed right now (debounced). */
  public boolean isPressed() {
    return isActive();
  }

  /**
   * Clears the latch: the therapist's deliberate reset.
   *
   * @throws IllegalStateException if the button is still pressed
   */
  public synchronized void reset() {
    if (isActive()) {
      throw new IllegalStateException(
          "the emergency stop on " + lineName() + " is still pressed: release it, then reset");
    }
    if (latched) {
      latched = false;
      listener.reset(clock.nanos());
    }
  }

  @Override
  protected void changed(boolean active, long nanos) {
    if (active && !latched) {
      latched = true;
      listener.latched(nanos);
    }
  }
}
