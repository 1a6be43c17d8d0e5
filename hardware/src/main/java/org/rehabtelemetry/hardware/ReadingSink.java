package org.rehabtelemetry.hardware;

/** Receives readings from a driver, on the driver's thread. */
@FunctionalInterface
public interface ReadingSink {
  /** Must be quick and must not block: hand the reading to a queue if work is needed. */
  void accept(Reading reading);
}
