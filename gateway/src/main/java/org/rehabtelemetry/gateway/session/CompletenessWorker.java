package org.rehabtelemetry.gateway.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.rehabtelemetry.gateway.ingest.DeadLetterSender;
import org.rehabtelemetry.gateway.ingest.IngestListener;
import org.rehabtelemetry.gateway.storage.SeqQuery;
import org.rehabtelemetry.gateway.storage.TimeSeriesSink;
import org.rehabtelemetry.gateway.storage.WriteFailure;
import org.rehabtelemetry.protocol.LostRecords;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.MessageKey;
import org.rehabtelemetry.protocol.ProtocolException;
import org.rehabtelemetry.protocol.SeqRangeText;
import org.rehabtelemetry.runtime.health.Heartbeat;
import org.rehabtelemetry.runtime.threads.FailFast;
import org.rehabtelemetry.runtime.threads.Termination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps completeness up to date as messages are stored, and stores the figure with the session once
 * its summary is in, on its own {@code completeness} thread: the ingest writer only records the seq
 * in memory and never waits for a database query.
 *
 * <p>Once a session's summary is stored, the worker asks the database for every stored seq of the
 * session (other gateways of a group, and this one before a restart, stored some), writes a {@code
 * session_completeness} point, and re-checks an incomplete session every 10 s for 5 minutes, since
 * other gateways may still be storing. A complete session, or one whose re-checks are over, is
 * finished: its state leaves the tracker. The same thread writes the refusals a {@link
 * RefusalWriter} queues from dead letters. Thread-safe.
 */
public final class CompletenessWorker implements IngestListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CompletenessWorker.class);
  static final Duration RECHECK_EVERY = Duration.ofSeconds(10);
  static final Duration RECHECK_FOR = Duration.ofMinutes(5);

  /**
   * The first check waits this long after the summary: the agent sends events ahead of samples, so
   * a session's last batches usually arrive just after its summary, and a check before them would
   * report a gap that is only in flight.
   */
  static final Duration FIRST_CHECK_AFTER = Duration.ofSeconds(2);

  private final CompletenessTracker tracker;
  private final TimeSeriesSink sink;
  private final SeqQuery seqQuery;
  private final Clock clock;
  private final Heartbeat heartbeat;
  private final GapListener gapListener;

  /** When a failed ask was last logged (once a minute at most); the worker's thread only. */
  private long lastAskFailureLogNanos = System.nanoTime() - 120_000_000_000L;

  /** A summarised session: when its summary was stored, and when to check it next. */
  private record Due(Instant summarisedAt, Instant next) {}

  /** Summarised sessions to check; insertion order. */
  private final Map<String, Due> summarised = new LinkedHashMap<>();

  private final Object signal = new Object();
  private final RefusalWriter refusals;
  private volatile boolean running = true;
  private final Thread thread;

  public CompletenessWorker(
      CompletenessTracker tracker,
      TimeSeriesSink sink,
      SeqQuery seqQuery,
      Clock clock,
      Heartbeat heartbeat) {
    this(tracker, sink, seqQuery, clock, heartbeat, GapListener.NONE, "gateway");
  }

  /**
   * @param gapListener hears the gaps of every incomplete check, to ask the device for them
   * @param gatewayId this gateway's MQTT client id, the {@code gateway} tag of its refusals
   */
  public CompletenessWorker(
      CompletenessTracker tracker,
      TimeSeriesSink sink,
      SeqQuery seqQuery,
      Clock clock,
      Heartbeat heartbeat,
      GapListener gapListener,
      String gatewayId) {
    this.gapListener = gapListener;
    this.refusals =
        new RefusalWriter(
            sink,
            clock,
            gatewayId,
            () -> {
              synchronized (signal) {
                signal.notifyAll();
              }
            });
    this.tracker = tracker;
    this.sink = sink;
    this.seqQuery = seqQuery;
    this.clock = clock;
    this.heartbeat = heartbeat;
    this.thread = FailFast.start("completeness", this::run);
  }

  /** On the ingest writer thread: records in memory, hands summarised sessions to the worker. */
  @Override
  public void stored(String site, Message message) {
    String sessionId;
    if (message instanceof LostRecords answer) {
      if (tracker.lost(site, answer).isEmpty()) {
        LOG.info(
            "{} says {} seqs of session {} are lost ({}), but this gateway does not track that"
                + " session now; the answer is stored",
            answer.header().deviceId(),
            answer.count(),
            answer.sessionId(),
            answer.reason());
        return;
      }
      sessionId = answer.sessionId();
    } else if (tracker.record(site, message).isPresent()) {
      sessionId = message.sessionRef().orElseThrow().sessionId();
    } else {
      return;
    }
    schedule(sessionId);
  }

  /**
   * On the ingest writer thread: a session message kept as a dead letter counts as refused, with
   * its reason, instead of missing; it is not asked for again (the device was told in its receipt
   * and freed it).
   */
  @Override
  public void deadLettered(String topic, byte[] payload, String reason) {
    DeadLetterSender.of(topic, payload)
        .ifPresent(
            sender -> {
              if (!(sender.key() instanceof MessageKey.InSession key)) {
                return;
              }
              String site = sender.topic().site();
              String device = sender.topic().deviceId();
              refusals.add(
                  site, device, key.sessionId(), key.seq(), DeadLetterSender.shortReason(reason));
              if (tracker
                  .deadLettered(site, device, key.sessionId(), key.seq(), reason)
                  .isPresent()) {
                schedule(key.sessionId());
              }
            });
  }

  /** Schedules a check of a summarised session (or one finished incomplete, revived). */
  private void schedule(String sessionId) {
    synchronized (signal) {
      Due due = summarised.get(sessionId);
      // A summary, a message after it, or a late message of a session finished incomplete.
      if (due != null || tracker.endedAt(sessionId).isPresent()) {
        Instant now = clock.instant();
        Instant summarisedAt = due == null ? now : due.summarisedAt();
        Instant first = summarisedAt.plus(FIRST_CHECK_AFTER);
        summarised.put(sessionId, new Due(summarisedAt, now.isAfter(first) ? now : first));
        signal.notifyAll();
      }
    }
  }

  /** Stops the worker; refusals still queued get one last try to reach the database. */
  @Override
  public void close() {
    running = false;
    Termination.join(thread, 5_000);
    refusals.flush();
  }

  private void run() {
    while (running) {
      heartbeat.beat();
      boolean moreRefusals = refusals.writeSome();
      Map<String, Due> due = new LinkedHashMap<>();
      synchronized (signal) {
        Instant now = clock.instant();
        summarised.forEach(
            (id, when) -> {
              if (!when.next().isAfter(now)) {
                due.put(id, when);
              }
            });
        if (due.isEmpty()) {
          if (moreRefusals) {
            continue; // written fine, and more wait: on with them
          }
          try {
            signal.wait(1_000);
          } catch (InterruptedException e) {
            return;
          }
          continue;
        }
      }
      for (Map.Entry<String, Due> entry : due.entrySet()) {
        check(entry.getKey(), entry.getValue().summarisedAt());
        heartbeat.beat();
      }
    }
  }

  /** Merges the database's view, stores the figure, and finishes the session when done. */
  private void check(String sessionId, Instant summarisedAt) {
    Optional<Instant> endedAt = tracker.endedAt(sessionId);
    if (endedAt.isEmpty()) {
      forget(sessionId); // evicted meanwhile
      return;
    }
    Optional<Completeness> known = tracker.get(sessionId);
    if (known.isEmpty()) {
      forget(sessionId);
      return;
    }
    String site = known.get().site();
    String device = known.get().device();
    boolean asked =
        seqQuery.storedSeqs(site, device, sessionId, seq -> tracker.addStored(sessionId, seq));
    heartbeat.beat();
    asked =
        asked
            && seqQuery.explanations(
                site,
                device,
                sessionId,
                lost -> addStoredLost(sessionId, lost),
                refusal -> tracker.addStoredRefusal(sessionId, refusal.seq(), refusal.reason()));
    heartbeat.beat();
    Optional<Completeness> completeness = tracker.get(sessionId);
    if (completeness.isEmpty()) {
      forget(sessionId);
      return;
    }
    if (!asked) {
      // Without the store's view the figure may be wrong: never write it; ask again later.
      long nowNanos = System.nanoTime();
      if (nowNanos - lastAskFailureLogNanos > 60_000_000_000L) {
        lastAskFailureLogNanos = nowNanos;
        LOG.warn(
            "the database could not be asked which messages session {} (and perhaps others) holds;"
                + " completeness figures wait, asked again every {} s",
            sessionId,
            RECHECK_EVERY.toSeconds());
      }
      later(sessionId);
      return;
    }
    Optional<WriteFailure> failure =
        sink.write(CompletenessPoints.of(completeness.get(), endedAt.get()));
    Completeness figure = completeness.get();
    if (!figure.complete() && figure.expected() >= 0 && !figure.gaps().isEmpty()) {
      gapListener.gaps(figure.site(), figure.device(), sessionId, figure.gaps());
    }
    failure.ifPresent(
        f ->
            LOG.warn(
                "completeness of {} not stored now ({}); the next check stores it",
                sessionId,
                f.reason()));
    boolean over = Duration.between(summarisedAt, clock.instant()).compareTo(RECHECK_FOR) > 0;
    // A settled session (every gap lost or dead-lettered) is still re-checked until its time is
    // over: a
    // device may name more than it lost, and a named record it still held may yet arrive.
    if (failure.isEmpty() && (figure.complete() || over)) {
      if (!figure.complete()) {
        tracker.reportedIncomplete(sessionId); // the final verdict: a later arrival repairs it
        LOG.warn(
            "session {}: {} of {} messages stored, missing {}{}{}",
            sessionId,
            figure.received(),
            figure.expected(),
            figure.unexplained() > 0 ? figure.gapsText() : "none unexplained",
            figure.lost() > 0 ? "; lost " + figure.lost() + ": " + figure.lostText() : "",
            figure.deadLettered() > 0
                ? "; dead letters " + figure.deadLettered() + ": " + figure.deadLetterText()
                : "");
      }
      tracker.finish(sessionId);
      forget(sessionId);
    } else {
      later(sessionId);
    }
  }

  /** A lost answer from the database; one whose seqs do not parse is left out and logged. */
  private void addStoredLost(String sessionId, SeqQuery.StoredLost lost) {
    try {
      tracker.addStoredLost(
          sessionId,
          SeqRangeText.parse("seqs", lost.seqs()),
          new LostNote(lost.seqs(), lost.evictedAt(), DeadLetterSender.shortReason(lost.reason())));
    } catch (ProtocolException e) {
      LOG.warn("a stored lost answer of session {} is unreadable: {}", sessionId, e.getMessage());
    }
  }

  private void later(String sessionId) {
    synchronized (signal) {
      Due due = summarised.get(sessionId);
      if (due != null) {
        summarised.put(sessionId, new Due(due.summarisedAt(), clock.instant().plus(RECHECK_EVERY)));
      }
    }
  }

  private void forget(String sessionId) {
    synchronized (signal) {
      summarised.remove(sessionId);
    }
  }

  /** Sessions waiting for their check, for metrics. */
  public int pending() {
    synchronized (signal) {
      return summarised.size();
    }
  }
}
