package org.rehabtelemetry.hardware.gpio;

import org.rehabtelemetry.hardware.port.DigitalLine;
import org.rehabtelemetry.hardware.port.MonotonicClock;

/**
 * A debounced on/off contact: footplate occupied, water level ok, door closed. Reports every
 * debounced change; its state is readable at any time.
 */
public final class ContactSwitch extends DebouncedInput {
  /** Hears changes, on the GPIO scanner's or the GPIO library's thread. */
  @FunctionalInterface
  public interface Listener {
    void changed(String name, boolean active, long nanos);
  }

  private final String name;
  private final Listener listener;

  /**
   * @param name what the switch means, e.g. {@code footplateOccupied}, {@code waterLevelOk}
   */
  public ContactSwitch(
      String name,
      DigitalLine line,
      boolean activeLow,
      long debounceNanos,
      MonotonicClock clock,
      Listener listener) {
    super(line, activeLow, debounceNanos, clock);
    this.name = name;
    this.listener = listener;
  }

  public String name() {
    return name;
  }

  @Override
  protected void changed(boolean active, long nanos) {
    listener.changed(name, active, nanos);
  }
}
