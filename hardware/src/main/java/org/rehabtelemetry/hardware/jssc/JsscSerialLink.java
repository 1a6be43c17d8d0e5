package org.rehabtelemetry.hardware.jssc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import jssc.SerialPort;
import jssc.SerialPortException;
import org.rehabtelemetry.hardware.port.HardwareException;
import org.rehabtelemetry.hardware.port.SerialLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serial port through jssc, 8 data bits, no parity, 1 stop bit, no flow control.
 *
 * <p>On a pseudo-terminal (socat, the simulator) jssc's {@code setParams} and the RTS/DTR calls
 * return false although the settings apply; that is logged as a warning, not an error. An unplugged
 * device shows as the port path vanishing or an I/O error; both throw {@link HardwareException}.
 * Bytes already waiting when the port opens are kept, not purged: the decoders resynchronise on
 * stale partial frames, and purging would throw away samples. One reader thread; {@link #close()}
 * may come from another.
 */
public final class JsscSerialLink implements SerialLink {
  private static final Logger LOG = LoggerFactory.getLogger(JsscSerialLink.class);

  /** The first nap after bytes arrived: a frame that follows closely is read within 2 ms. */
  static final long MIN_NAP_NANOS = 2_000_000L;

  /** The longest nap while the line is quiet: a frame waits at most 10 ms to be read. */
  static final long MAX_NAP_NANOS = 10_000_000L;

  private final String portName;
  private final int baudRate;
  private volatile SerialPort port;
  private long napNanos = MIN_NAP_NANOS;

  /**
   * @param portName e.g. {@code /dev/ttyUSB0}
   * @param baudRate e.g. 115200 for the sensor hub, 9600 for the oximeter
   */
  public JsscSerialLink(String portName, int baudRate) {
    this.portName = portName;
    this.baudRate = baudRate;
  }

  @Override
  public String name() {
    return portName;
  }

  @Override
  public synchronized void open() {
    if (!Files.exists(Path.of(portName))) {
      throw new HardwareException(portName + " does not exist");
    }
    SerialPort candidate = new SerialPort(portName);
    try {
      candidate.openPort();
      boolean applied =
          candidate.setParams(
              baudRate, SerialPort.DATABITS_8, SerialPort.STOPBITS_1, SerialPort.PARITY_NONE);
      if (!applied) {
        LOG.warn(
            "{}: setParams({} 8N1) returned false (normal on a pseudo-terminal)",
            portName,
            baudRate);
      }
      candidate.setFlowControlMode(SerialPort.FLOWCONTROL_NONE);
    } catch (SerialPortException e) {
      closeQuietly(candidate);
      throw new HardwareException(portName + " cannot be opened: " + e.getExceptionType(), e);
    }
    port = candidate;
  }

  @Override
  public boolean isOpen() {
    SerialPort current = port;
    return current != null && current.isOpened();
  }

  /**
   * Reads what has arrived, waiting in naps up to the timeout. jssc's own timed read polls the
   * input buffer in a tight loop, which cost about a core per port in the agent benchmark. The nap
   * starts at 2 ms after bytes arrived and doubles while the line stays quiet, up to 10 ms: an 80
   * Hz sensor hub costs about three wakeups per frame and a 1 Hz oximeter about 100 a second,
   * instead of 500 a second each (measured: 1.2 % of a core for an idle port at 2 ms naps). A frame
   * waits at most 10 ms to be read; its timestamps come from the sensor, not from this read.
   *
   * <p>Blocks up to {@code timeout}. Called by the one reader thread only.
   */
  @Override
  public int read(byte[] buffer, int offset, int length, Duration timeout) {
    SerialPort current = requireOpen();
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        int available = current.getInputBufferBytesCount();
        if (available < 0) {
          throw new HardwareException(portName + " read failed (the device is gone?)");
        }
        if (available > 0) {
          napNanos = MIN_NAP_NANOS;
          byte[] bytes = current.readBytes(Math.min(available, length));
          System.arraycopy(bytes, 0, buffer, offset, bytes.length);
          return bytes.length;
        }
        if (System.nanoTime() >= deadline) {
          checkStillThere();
          return 0;
        }
        LockSupport.parkNanos(Math.min(napNanos, Math.max(0, deadline - System.nanoTime())));
        napNanos = Math.min(MAX_NAP_NANOS, napNanos * 2);
        if (Thread.currentThread().isInterrupted()) {
          return 0;
        }
      }
    } catch (SerialPortException e) {
      throw new HardwareException(portName + " read failed: " + e.getExceptionType(), e);
    }
  }

  @Override
  public void write(byte[] bytes) {
    SerialPort current = requireOpen();
    try {
      if (!current.writeBytes(bytes)) {
        throw new HardwareException(portName + " write of " + bytes.length + " bytes failed");
      }
    } catch (SerialPortException e) {
      throw new HardwareException(portName + " write failed: " + e.getExceptionType(), e);
    }
  }

  @Override
  public synchronized void close() {
    SerialPort current = port;
    port = null;
    if (current != null) {
      closeQuietly(current);
    }
  }

  private SerialPort requireOpen() {
    SerialPort current = port;
    if (current == null || !current.isOpened()) {
      throw new HardwareException(portName + " is not open");
    }
    return current;
  }

  /** A pty or USB device that vanished times out quietly in jssc; notice it by its path. */
  private void checkStillThere() {
    if (!Files.exists(Path.of(portName))) {
      throw new HardwareException(portName + " disappeared (unplugged?)");
    }
  }

  private static void closeQuietly(SerialPort port) {
    try {
      if (port.isOpened()) {
        port.closePort();
      }
    } catch (SerialPortException e) {
      LOG.debug("closing {} failed: {}", port.getPortName(), e.getExceptionType());
    }
  }
}
