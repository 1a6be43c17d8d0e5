package org.rehabtelemetry.hardware.port;

/**
 * One GPIO input line with edge events, e.g. BCM pin 17.
 *
 * <p>Levels are electrical (high/low); what "active" means is the driver's business, from the
 * profile's {@code activeLow}. Thread-safe: listeners may be called on a thread of the GPIO
 * library, so they must be quick and must not block.
 */
public interface DigitalLine {
  /** The line's name, for messages, e.g. {@code gpio17}. */
  String name();

  /** The current electrical level. */
  boolean isHigh();

  /** Registers a listener called on every level change with the new level. */
  void onChange(EdgeListener listener);

  /** Receives level changes. */
  @FunctionalInterface
  interface EdgeListener {
    /** Called with the new electrical level; must not block. */
    void levelChanged(boolean high);
  }
}
