package org.rehabtelemetry.hardware.serial;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.rehabtelemetry.hardware.fault.FaultKind;
import org.rehabtelemetry.hardware.fault.SensorHealth;
import org.rehabtelemetry.hardware.port.HardwareException;
import org.rehabtelemetry.hardware.port.MonotonicClock;
import org.rehabtelemetry.hardware.port.SerialLink;
import org.rehabtelemetry.runtime.health.Heartbeat;
import org.rehabtelemetry.runtime.retry.Backoff;
import org.rehabtelemetry.runtime.threads.FailFast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one serial sensor: a named reader thread that opens the link, feeds bytes to the decoder,
 * checks for silence, and after the link fails (unplugged USB) reports the port lost and reopens it
 * with capped exponential backoff until it comes back.
 *
 * <p>No read blocks longer than the read timeout, so silence is detected and {@link #close()}
 * returns promptly. A bug in a decoder is logged and counted, and the loop goes on.
 *
 * <p>{@link #start()} and {@link #close()} may be called from any thread, once each.
 */
public final class SerialSensor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SerialSensor.class);
  private static final int READ_BUFFER = 4096;

  private final String name;
  private final SerialLink link;
  private final StreamDecoder decoder;
  private final SensorHealth health;
  private final MonotonicClock clock;
  private final Duration readTimeout;
  private final Backoff backoff;
  private final Object wakeUp = new Object();
  private volatile boolean running;
  private final Heartbeat heartbeat;
  private Thread thread;

  /**
   * @param name the sensor's name, used for the thread ({@code serial-NAME}) and in messages
   * @param readTimeout the longest a read blocks; also the granularity of silence detection
   * @param backoff delays between attempts to reopen a lost port
   * @param heartbeat beaten on every turn of the reader loop (at least every read timeout, or every
   *     reopen attempt while the port is away)
   */
  public SerialSensor(
      String name,
      SerialLink link,
      StreamDecoder decoder,
      SensorHealth health,
      MonotonicClock clock,
      Duration readTimeout,
      Backoff backoff,
      Heartbeat heartbeat) {
    this.heartbeat = heartbeat;
    this.name = name;
    this.link = link;
    this.decoder = decoder;
    this.health = health;
    this.clock = clock;
    this.readTimeout = readTimeout;
    this.backoff = backoff;
  }

  /** Starts the reader thread. Returns at once; the first open happens on that thread. */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException(name + " already started");
    }
    running = true;
    thread = FailFast.start("serial-" + name, this::run);
  }

  /** Whether the link is open right now (false while unplugged or reopening). */
  public boolean isOpen() {
    return link.isOpen();
  }

  /** Stops the reader thread and closes the link. Blocks up to a few read timeouts. */
  @Override
  public synchronized void close() {
    running = false;
    synchronized (wakeUp) {
      wakeUp.notifyAll();
    }
    link.close();
    if (thread != null) {
      try {
        thread.join(readTimeout.multipliedBy(5).toMillis() + 1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    byte[] buffer = new byte[READ_BUFFER];
    while (running) {
      heartbeat.beat();
      if (!link.isOpen() && !tryOpen()) {
        pause(backoff.next());
        continue;
      }
      int count;
      try {
        count = link.read(buffer, 0, buffer.length, readTimeout);
      } catch (HardwareException e) {
        if (running) {
          health.portLost(link.name() + " failed: " + e.getMessage());
          LOG.warn("{}: {} failed, will reopen: {}", name, link.name(), e.getMessage());
          link.close();
        }
        continue;
      }
      long now = clock.nanos();
      try {
        if (count > 0) {
          decoder.accept(buffer, 0, count, now);
        } else {
          decoder.idle(now);
        }
      } catch (RuntimeException e) {
        health.count(FaultKind.BAD_PAYLOAD, 1);
        LOG.error("{}: decoder failed on {} bytes; skipping them", name, count, e);
      }
      health.checkSilence(now);
    }
  }

  private boolean tryOpen() {
    try {
      link.open();
    } catch (HardwareException e) {
      health.portLost(link.name() + " cannot be opened: " + e.getMessage());
      return false;
    }
    decoder.reset();
    backoff.reset();
    health.portRestored(clock.nanos());
    LOG.info("{}: {} open", name, link.name());
    return true;
  }

  /**
   * Waits {@code delay} (at least 1 ms) or until {@link #close()}; a spurious wakeup only waits
   * again for the time that is left.
   */
  private void pause(Duration delay) {
    synchronized (wakeUp) {
      long deadline =
          System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(1, delay.toMillis()));
      try {
        while (running) {
          long remaining = deadline - System.nanoTime();
          if (remaining <= 0) {
            return;
          }
          TimeUnit.NANOSECONDS.timedWait(wakeUp, remaining);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      }
    }
  }
}
