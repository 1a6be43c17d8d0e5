package org.rehabtelemetry.hardware.fault;

/** Receives a sensor's status whenever its health changes. Called on the driver's thread. */
@FunctionalInterface
public interface SensorStatusListener {
  /** Must be quick and must not block: the sampling loop waits for it. */
  void statusChanged(SensorStatus status);
}
