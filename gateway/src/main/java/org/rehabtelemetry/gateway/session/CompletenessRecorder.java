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
public final class CompletenessRecorder implements IngestListener {
  private static final Logger LOG = LoggerFactory.getLogger(CompletenessRecorder.class);

  private final CompletenessTracker tracker;
  private final TimeSeriesSink sink;

  /** Summary end times of recent sessions, bounded like the tracker. */
  private final Map<String, Long> summaryTimes =
      java.util.Collections.synchronizedMap(
          new java.util.LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
              return size() > 10_000;
            }
          });

  public CompletenessRecorder(CompletenessTracker tracker, TimeSeriesSink sink) {
    this.tracker = tracker;
    this.sink = sink;
  }

  @Override
  public void stored(String site, Message message) {
    Optional<Completeness> completeness = tracker.record(message);
    if (completeness.isEmpty()) {
      return;
    }
    String sessionId = completeness.get().sessionId();
    if (message instanceof SessionSummary summary) {
      summaryTimes.put(
          sessionId,
          summary.endedAt().getEpochSecond() * 1_000_000L + summary.endedAt().getNano() / 1000);
    }
    Long time = summaryTimes.get(sessionId);
    if (time == null) {
      return; // still running: the live figure is in the tracker
    }
    Optional<WriteFailure> failure =
        sink.write(List.of(PointMapper.completeness(site, completeness.get(), time)));
    failure.ifPresent(
        f ->
            LOG.warn(
                "completeness of {} not stored now ({}); the next update stores it",
                sessionId,
                f.reason()));
    if (!completeness.get().complete()) {
      LOG.warn(
          "session {} is incomplete: {} of {} messages, missing {}",
          sessionId,
          completeness.get().received(),
          completeness.get().expected(),
          completeness.get().gapsText());
    }
  }
}
