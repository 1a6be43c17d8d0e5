package org.rehabtelemetry.hardware.port;

/**
 * One GPIO output line, e.g. the alarm buzzer on BCM pin 18. Levels are electrical; {@code true}
 * drives the pin high. Thread-safe; {@link #set} returns at once (a GPIO write, microseconds).
 */
public interface OutputLine {
  /** The line's name, for messages, e.g. {@code gpio18}. */
  String name();

  /** Drives the pin high or low. */
  void set(boolean high);
}
