package org.rehabtelemetry.hardware.poll;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.rehabtelemetry.hardware.port.MonotonicClock;
import org.rehabtelemetry.runtime.health.Heartbeat;
import org.rehabtelemetry.runtime.threads.FailFast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls registered tasks at fixed rates on one named thread ({@code sensor-poll}). A task that
 * throws is logged and keeps its schedule: one faulty sensor never stops the others.
 *
 * <p>Register tasks before {@link #start()}. {@link #start()} and {@link #stop()} are thread-safe
 * and idempotent.
 */
public final class PollingScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PollingScheduler.class);

  private record Task(String name, Polled polled, Duration period) {}

  private final MonotonicClock clock;
  private final Heartbeat heartbeat;
  private final List<Task> tasks = new ArrayList<>();
  private ScheduledExecutorService executor;

  /** A scheduler whose progress nobody watches (tests, tools). */
  public PollingScheduler(MonotonicClock clock) {
    this(clock, Heartbeat.NONE);
  }

  /**
   * @param heartbeat beaten on every poll, so {@code /health} sees the sampling thread progress
   */
  public PollingScheduler(MonotonicClock clock, Heartbeat heartbeat) {
    this.clock = clock;
    this.heartbeat = heartbeat;
  }

  /** Adds a task polled every {@code period}. */
  public synchronized PollingScheduler every(Duration period, String name, Polled polled) {
    if (executor != null) {
      throw new IllegalStateException("register " + name + " before start()");
    }
    tasks.add(new Task(name, polled, period));
    return this;
  }

  // The futures are not needed: a FailFast scheduler ends the process when a task throws, and
  // run() logs a driver's RuntimeException itself.
  @SuppressWarnings("FutureReturnValueIgnored")
  public synchronized void start() {
    if (executor != null) {
      return;
    }
    // A poll that throws an Error (not a driver's RuntimeException, which is logged) ends the
    // process: a scheduler would otherwise silently stop polling and leave a zombie agent.
    executor = FailFast.scheduler("sensor-poll");
    for (Task task : tasks) {
      long periodMicros = task.period().toNanos() / 1000;
      executor.scheduleAtFixedRate(
          () -> run(task), periodMicros, periodMicros, TimeUnit.MICROSECONDS);
    }
  }

  /** Stops polling; blocks until a running poll finished (at most a second). */
  public synchronized void stop() {
    if (executor == null) {
      return;
    }
    executor.shutdownNow();
    try {
      executor.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor = null;
  }

  @Override
  public void close() {
    stop();
  }

  private void run(Task task) {
    heartbeat.beat();
    try {
      task.polled().poll(clock.nanos());
    } catch (RuntimeException e) {
      LOG.error("polling {} failed; it keeps its schedule", task.name(), e);
    }
  }
}
