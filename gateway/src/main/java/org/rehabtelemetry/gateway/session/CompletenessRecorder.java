package org.rehabtelemetry.gateway.session;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rehabtelemetry.gateway.ingest.IngestListener;
import org.rehabtelemetry.gateway.storage.PointMapper;
import org.rehabtelemetry.gateway.storage.TimeSeriesSink;
import org.rehabtelemetry.gateway.storage.WriteFailure;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.SessionSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps completeness up to date as messages are stored, and stores the figure with the session once
 * its summary is in: a {@code session_completeness} point at the summary's end time, rewritten
 * (same identity) if late messages of the session arrive. Called on the ingest writer thread.
 */
public final class CompletenessRecorder implements IngestListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CompletenessRecorder.class);
  private static final long RECHECK_FOR_MILLIS = 5 * 60_000L;

  private record Summarised(String site, long timeMicros, long summarisedAtMillis) {}

  private final CompletenessTracker tracker;
  private final TimeSeriesSink sink;
  private final SeqQuery seqQuery;

  /** Summarised sessions, bounded like the tracker. */
  private final Map<String, Summarised> summarised =
      java.util.Collections.synchronizedMap(
          new java.util.LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Summarised> eldest) {
              return size() > 10_000;
            }
          });

  private final java.util.concurrent.ScheduledExecutorService recheck =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "completeness-recheck");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * @param seqQuery the database's view of a session's stored seqs: it counts what other gateways
   *     of the group and this gateway before a restart stored
   */
  public CompletenessRecorder(CompletenessTracker tracker, TimeSeriesSink sink, SeqQuery seqQuery) {
    this.tracker = tracker;
    this.sink = sink;
    this.seqQuery = seqQuery;
    recheck.scheduleWithFixedDelay(
        this::recheckIncomplete, 10, 10, java.util.concurrent.TimeUnit.SECONDS);
  }

  @Override
  public void stored(String site, Message message) {
    Optional<Completeness> completeness = tracker.record(message);
    if (completeness.isEmpty()) {
      return;
    }
    String sessionId = completeness.get().sessionId();
    if (message instanceof SessionSummary summary) {
      long time =
          summary.endedAt().getEpochSecond() * 1_000_000L + summary.endedAt().getNano() / 1000;
      summarised.put(sessionId, new Summarised(site, time, System.currentTimeMillis()));
    }
    if (summarised.containsKey(sessionId)) {
      storeFromDatabase(sessionId);
    }
  }

  @Override
  public void close() {
    recheck.shutdownNow();
  }

  /** Re-checks summarised sessions that were incomplete: other gateways may still be storing. */
  private void recheckIncomplete() {
    long now = System.currentTimeMillis();
    for (String sessionId : List.copyOf(summarised.keySet())) {
      Summarised entry = summarised.get(sessionId);
      Optional<Completeness> current = tracker.get(sessionId);
      if (entry != null
          && now - entry.summarisedAtMillis() < RECHECK_FOR_MILLIS
          && current.isPresent()
          && !current.get().complete()) {
        storeFromDatabase(sessionId);
      }
    }
  }

  private void storeFromDatabase(String sessionId) {
    Summarised entry = summarised.get(sessionId);
    if (entry == null) {
      return;
    }
    Optional<Completeness> completeness =
        seqQuery
            .storedSeqs(sessionId)
            .flatMap(seqs -> tracker.merge(sessionId, seqs))
            .or(() -> tracker.get(sessionId));
    if (completeness.isEmpty()) {
      return;
    }
    Optional<WriteFailure> failure =
        sink.write(
            List.of(
                PointMapper.completeness(entry.site(), completeness.get(), entry.timeMicros())));
    failure.ifPresent(
        f ->
            LOG.warn(
                "completeness of {} not stored now ({}); the next check stores it",
                sessionId,
                f.reason()));
    if (!completeness.get().complete()) {
      LOG.info(
          "session {}: {} of {} messages stored so far, missing {}",
          sessionId,
          completeness.get().received(),
          completeness.get().expected(),
          completeness.get().gapsText());
    }
  }
}
