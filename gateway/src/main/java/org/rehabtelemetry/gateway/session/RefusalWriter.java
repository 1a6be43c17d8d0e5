package org.rehabtelemetry.gateway.session;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.rehabtelemetry.gateway.storage.TimeSeriesSink;
import org.rehabtelemetry.gateway.storage.WriteFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead letters of session messages on their way to the database as {@code session_refused} points
 * ({@link RefusalPoints}), so that every gateway of a group, and this one after a restart, can
 * explain the seqs. The ingest writer queues ({@link #add}) and never waits for the database; the
 * {@code completeness} thread writes ({@link #writeSome}). At most {@value #MAX_WAITING} wait while
 * the database is down; past that the oldest is let go, counted and logged: the dead letter itself
 * stays in the dead-letter store, only its explanation to other gateways is lost. Thread-safe.
 */
final class RefusalWriter {
  private static final Logger LOG = LoggerFactory.getLogger(RefusalWriter.class);
  static final int MAX_WAITING = 10_000;
  private static final int PER_WRITE = 1_000;

  private final TimeSeriesSink sink;
  private final Clock clock;
  private final String gatewayId;
  private final Runnable wake;

  /** Refusals waiting to be written, oldest first; guarded by {@code this}. */
  private final Deque<RefusalPoints.Refusal> waiting = new ArrayDeque<>();

  /** The last refusal's time, µs; guarded by {@code this}. */
  private long lastMicros;

  private long dropped;

  /**
   * @param gatewayId this gateway's MQTT client id, the {@code gateway} tag of its refusals
   * @param wake tells the writing thread that refusals wait
   */
  RefusalWriter(TimeSeriesSink sink, Clock clock, String gatewayId, Runnable wake) {
    this.sink = sink;
    this.clock = clock;
    this.gatewayId = gatewayId;
    this.wake = wake;
  }

  /**
   * Queues a refusal, timed now (strictly after the last one, so no two share a point).
   *
   * @param reason the dead letter's reason, already shortened and cleaned
   */
  void add(String site, String device, String sessionId, long seq, String reason) {
    synchronized (this) {
      Instant now = clock.instant();
      long micros =
          Math.max(now.getEpochSecond() * 1_000_000L + now.getNano() / 1000, lastMicros + 1);
      lastMicros = micros;
      if (waiting.size() >= MAX_WAITING) {
        waiting.removeFirst();
        drop();
      }
      waiting.addLast(new RefusalPoints.Refusal(site, device, sessionId, seq, reason, micros));
    }
    wake.run();
  }

  /**
   * Writes queued refusals, a batch at a time; on failure they wait for the next turn. Returns
   * whether more wait after a successful write. Blocks for the write.
   */
  boolean writeSome() {
    List<RefusalPoints.Refusal> batch = new ArrayList<>();
    synchronized (this) {
      while (!waiting.isEmpty() && batch.size() < PER_WRITE) {
        batch.add(waiting.removeFirst());
      }
    }
    if (batch.isEmpty()) {
      return false;
    }
    Optional<WriteFailure> failure = sink.write(RefusalPoints.of(gatewayId, batch));
    if (failure.isPresent() && !failure.get().retry()) {
      // Bad data in one of them (it should not happen: the reason is cleaned): each alone, so
      // only the bad one is let go.
      int refused = 0;
      for (RefusalPoints.Refusal refusal : batch) {
        if (sink.write(RefusalPoints.of(gatewayId, List.of(refusal))).isPresent()) {
          refused++;
        }
      }
      if (refused > 0) {
        LOG.warn(
            "{} refusals not stored for other gateways: the database refused them ({}); their"
                + " dead letters are kept",
            refused,
            failure.get().reason());
      }
      return false;
    }
    synchronized (this) {
      if (failure.isPresent()) {
        for (int i = batch.size() - 1; i >= 0; i--) {
          if (waiting.size() < MAX_WAITING) {
            waiting.addFirst(batch.get(i));
          } else {
            drop();
          }
        }
        LOG.debug("refusals not stored now ({}); next turn", failure.get().reason());
        return false;
      }
      return !waiting.isEmpty();
    }
  }

  /** At shutdown: writes what it can, and logs what stays unwritten. Blocks for the writes. */
  void flush() {
    while (writeSome()) {
      // on with the next batch
    }
    synchronized (this) {
      if (!waiting.isEmpty()) {
        LOG.warn(
            "{} refusals not stored for other gateways at shutdown (the database is unreachable);"
                + " their dead letters are kept",
            waiting.size());
      }
    }
  }

  /** Counts and logs (the first, then every 1000th) a refusal let go; holds {@code this}. */
  private void drop() {
    if (dropped++ % 1000 == 0) {
      LOG.warn(
          "{} refusals not stored for other gateways (the database is unreachable and {} wait);"
              + " their dead letters are kept",
          dropped,
          MAX_WAITING);
    }
  }
}
