package org.rehabtelemetry.hardware.serial;

/**
 * Decodes a sensor's byte stream. Implementations count their faults in the sensor's health and
 * never throw on bad input. Called by one reader thread.
 */
public interface StreamDecoder {
  /** Bytes that arrived at monotonic time {@code nanos}. */
  void accept(byte[] bytes, int offset, int count, long nanos);

  /** No bytes arrived until {@code nanos}; lets the decoder drop a stalled partial frame. */
  void idle(long nanos);

  /** The port was reopened: forget partial state that spans the gap. */
  void reset();
}
