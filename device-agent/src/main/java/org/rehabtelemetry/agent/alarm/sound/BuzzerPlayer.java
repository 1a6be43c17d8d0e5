package org.rehabtelemetry.agent.alarm.sound;

import java.util.concurrent.TimeUnit;
import org.rehabtelemetry.hardware.port.HardwareException;
import org.rehabtelemetry.hardware.port.OutputLine;
import org.rehabtelemetry.protocol.AlarmPriority;
import org.rehabtelemetry.runtime.threads.FailFast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the signal of the priority that sounds now on a buzzer wired to a GPIO output (an active
 * buzzer: the line high sounds it), on its own thread {@code alarm-buzzer}. A change of priority
 * takes effect at once: the burst in progress stops and the new one starts, so a high-priority
 * alarm never waits for a medium burst to end. The line is left low when nothing sounds and when
 * closed. A failing GPIO write is logged once and retried with the next pulse; the touch UI keeps
 * sounding.
 *
 * <p>Thread-safe: {@link #sound} may be called from any thread and returns at once.
 */
public final class BuzzerPlayer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BuzzerPlayer.class);

  private final OutputLine line;
  private final Object signal = new Object();
  private AlarmPriority priority; // guarded by signal; null: silent
  private long changes; // guarded by signal
  private boolean running = true; // guarded by signal
  private boolean failing;
  private final Thread thread;

  public BuzzerPlayer(OutputLine line) {
    this.line = line;
    set(false);
    this.thread = FailFast.start("alarm-buzzer", this::run);
  }

  /** Sounds {@code next}'s pattern from now on; null silences the buzzer. */
  public void sound(AlarmPriority next) {
    synchronized (signal) {
      if (next != priority) {
        priority = next;
        changes++;
        signal.notifyAll();
      }
    }
  }

  /** Stops the thread and leaves the buzzer off. */
  @Override
  public void close() {
    synchronized (signal) {
      running = false;
      signal.notifyAll();
    }
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    set(false);
  }

  private void run() {
    while (true) {
      AlarmPriority now;
      long seen;
      synchronized (signal) {
        while (running && priority == null) {
          try {
            signal.wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (!running) {
          return;
        }
        now = priority;
        seen = changes;
      }
      playBurst(SignalPattern.of(now), seen);
    }
  }

  /** One burst and the silence after it, cut short by a change of priority. */
  private void playBurst(SignalPattern pattern, long seen) {
    long start = System.nanoTime();
    long at = start;
    boolean on = true;
    for (int millis : pattern.onOffMillis()) {
      set(on);
      at += TimeUnit.MILLISECONDS.toNanos(millis);
      if (!waitUntil(at, seen)) {
        set(false);
        return;
      }
      on = !on;
    }
    set(false);
    waitUntil(start + TimeUnit.MILLISECONDS.toNanos(pattern.burstEveryMillis()), seen);
  }

  /** Waits until {@code deadline} (System.nanoTime); false when the priority changed first. */
  private boolean waitUntil(long deadline, long seen) {
    synchronized (signal) {
      while (running && changes == seen) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return true;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(signal, left);
        } catch (InterruptedException e) {
          running = false; // interrupted: stop, rather than spin on the set flag
          return false;
        }
      }
      return false;
    }
  }

  private void set(boolean high) {
    try {
      line.set(high);
      if (failing) {
        failing = false;
        LOG.info("buzzer {} works again", line.name());
      }
    } catch (HardwareException e) {
      if (!failing) {
        failing = true;
        LOG.error("buzzer {}: {}; the touch UI still sounds", line.name(), e.getMessage());
      }
    }
  }
}
