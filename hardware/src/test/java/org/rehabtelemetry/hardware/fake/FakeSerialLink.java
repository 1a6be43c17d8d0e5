package org.rehabtelemetry.hardware.fake;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.rehabtelemetry.hardware.port.HardwareException;
import org.rehabtelemetry.hardware.port.SerialLink;

/**
 * A serial link in memory. The test {@linkplain #feed feeds} bytes the device would send and reads
 * what the driver {@linkplain #written() wrote}. {@link #unplug()} makes the open link fail and
 * further opens fail until {@link #replug()}. Thread-safe.
 */
public final class FakeSerialLink implements SerialLink {
  private final String name;
  private final LinkedBlockingQueue<byte[]> incoming = new LinkedBlockingQueue<>();
  private final ByteArrayOutputStream written = new ByteArrayOutputStream();
  private volatile boolean open;
  private volatile boolean plugged = true;
  private volatile int opens;
  private byte[] pending;
  private int pendingOffset;

  public FakeSerialLink(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized void open() {
    if (!plugged) {
      throw new HardwareException(name + " does not exist");
    }
    open = true;
    opens++;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  /** How many times the link was opened. */
  public int opens() {
    return opens;
  }

  /** Queues bytes for the driver to read. */
  public void feed(byte[] bytes) {
    incoming.add(bytes.clone());
  }

  /** The device disappears: reads fail and opens fail until {@link #replug()}. */
  public void unplug() {
    plugged = false;
    incoming.add(new byte[0]);
  }

  public void replug() {
    plugged = true;
  }

  @Override
  public int read(byte[] buffer, int offset, int length, Duration timeout) {
    checkUsable();
    try {
      if (pending == null) {
        pending = incoming.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        pendingOffset = 0;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
    checkUsable();
    if (pending == null) {
      return 0;
    }
    int count = Math.min(length, pending.length - pendingOffset);
    System.arraycopy(pending, pendingOffset, buffer, offset, count);
    pendingOffset += count;
    if (pendingOffset == pending.length) {
      pending = null;
    }
    return count;
  }

  @Override
  public synchronized void write(byte[] bytes) {
    checkUsable();
    written.write(bytes, 0, bytes.length);
  }

  /** Everything the driver wrote so far. */
  public synchronized byte[] written() {
    return written.toByteArray();
  }

  @Override
  public void close() {
    open = false;
  }

  private void checkUsable() {
    if (!open) {
      throw new HardwareException(name + " is not open");
    }
    if (!plugged) {
      throw new HardwareException(name + " disappeared (unplugged)");
    }
  }
}
