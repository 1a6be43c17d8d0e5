package org.rehabtelemetry.runtime.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When each worker of a process last made progress: the view behind {@code /health}, the liveness
 * gauge and the systemd watchdog. A worker {@linkplain #register registers} once with the longest
 * silence that is still healthy for it, then {@linkplain Worker#beat beats} whenever it completes a
 * unit of work or an idle wait; a worker that has not beaten for longer than its limit is stale,
 * and a stale worker makes the process unhealthy.
 *
 * <p>Beating is one volatile write (no allocation), cheap enough for every loop iteration.
 * Thread-safe.
 */
public final class Liveness {
  private final Clock clock;
  private final Map<String, Worker> workers = new ConcurrentHashMap<>();

  public Liveness(Clock clock) {
    this.clock = clock;
  }

  /**
   * Registers a worker (or returns the one already registered under that name).
   *
   * @param name e.g. {@code ingest-writer}
   * @param maxSilence how long it may go without a beat and still be healthy
   */
  public Worker register(String name, Duration maxSilence) {
    return workers.computeIfAbsent(name, n -> new Worker(n, maxSilence, clock));
  }

  /** Forgets a worker that stopped on purpose. */
  public void unregister(String name) {
    workers.remove(name);
  }

  /** Every worker's state now, by name. */
  public List<WorkerState> snapshot() {
    Instant now = clock.instant();
    List<WorkerState> states = new ArrayList<>();
    for (Worker worker : workers.values()) {
      states.add(worker.state(now));
    }
    states.sort((a, b) -> a.name().compareTo(b.name()));
    return states;
  }

  /** Whether every registered worker beat within its limit. */
  public boolean healthy() {
    return snapshot().stream().allMatch(WorkerState::healthy);
  }

  /** One worker's handle; keep it and call {@link #beat()}. Thread-safe. */
  public static final class Worker implements Heartbeat {
    private final String name;
    private final Duration maxSilence;
    private final Clock clock;
    private final AtomicLong lastBeatMillis;

    private Worker(String name, Duration maxSilence, Clock clock) {
      this.name = name;
      this.maxSilence = maxSilence;
      this.clock = clock;
      this.lastBeatMillis = new AtomicLong(clock.millis());
    }

    /** Records progress now. */
    @Override
    public void beat() {
      lastBeatMillis.set(clock.millis());
    }

    public String name() {
      return name;
    }

    WorkerState state(Instant now) {
      Instant last = Instant.ofEpochMilli(lastBeatMillis.get());
      Duration silence = Duration.between(last, now);
      return new WorkerState(name, last, silence, maxSilence, silence.compareTo(maxSilence) <= 0);
    }
  }

  /**
   * A worker as {@code /health} shows it.
   *
   * @param lastProgress when it last beat
   * @param silence how long ago that was
   * @param maxSilence its limit
   * @param healthy whether {@code silence <= maxSilence}
   */
  public record WorkerState(
      String name, Instant lastProgress, Duration silence, Duration maxSilence, boolean healthy) {}
}
