package org.rehabtelemetry.hardware.port;

import java.time.Duration;

/**
 * A serial byte link, e.g. a USB-serial adapter at {@code /dev/ttyUSB0}.
 *
 * <p>Implementations are used by one reader thread at a time; {@link #close()} may be called from
 * another thread to unblock it. A link that fails (unplugged) throws {@link HardwareException} from
 * {@link #read} or {@link #write}; the caller closes it and later calls {@link #open()} again.
 */
public interface SerialLink extends AutoCloseable {
  /** The port name, for messages, e.g. {@code /dev/ttyUSB0}. */
  String name();

  /**
   * Opens the port with its configured settings. Blocks briefly.
   *
   * @throws HardwareException if the port does not exist or cannot be opened
   */
  void open();

  boolean isOpen();

  /**
   * Reads up to {@code length} bytes into {@code buffer}, blocking until at least one byte arrived
   * or {@code timeout} passed.
   *
   * @return the number of bytes read, 0 on timeout
   * @throws HardwareException if the link failed (e.g. the device was unplugged) or is closed
   */
  int read(byte[] buffer, int offset, int length, Duration timeout);

  /**
   * Writes all bytes. Blocks until they are handed to the driver.
   *
   * @throws HardwareException if the link failed or is closed
   */
  void write(byte[] bytes);

  /** Closes the port; idempotent; never throws. */
  @Override
  void close();
}
