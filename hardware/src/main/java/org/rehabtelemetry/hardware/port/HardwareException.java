package org.rehabtelemetry.hardware.port;

/**
 * A port failed: a serial device vanished, a bus transfer failed, a pin could not be set up. The
 * message names the port. Drivers catch it, count it as a fault and retry; it never escapes a
 * sampling loop.
 */
public class HardwareException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public HardwareException(String message) {
    super(message);
  }

  public HardwareException(String message, Throwable cause) {
    super(message, cause);
  }
}
