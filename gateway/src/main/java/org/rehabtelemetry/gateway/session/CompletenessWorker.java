package org.rehabtelemetry.gateway.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
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
 * finished: its state leaves the tracker. Thread-safe.
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
  private final String gatewayId;

  /** When a failed ask was last logged (once a minute at most); the worker's thread only. */
  private long lastAskFailureLogNanos = System.nanoTime() - 120_000_000_000L;

  /** The last refusal's time, µs; guarded by {@code signal}. */
  private long lastRefusalMicros;

  /** A summarised session: when its summary was stored, and when to check it next. */
  private record Due(Instant summarisedAt, Instant next) {}

  /** Summarised sessions to check; insertion order. */
  private final Map<String, Due> summarised = new LinkedHashMap<>();

  /** Refusals waiting to be written, oldest first; guarded by {@code signal}. */
  private final Deque<RefusalPoints.Refusal> unwrittenRefusals = new ArrayDeque<>();

  private long refusalsDropped;

  static final int MAX_UNWRITTEN_REFUSALS = 10_000;
  private static final int REFUSALS_PER_WRITE = 1_000;

  private final Object signal = new Object();
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
    this.gatewayId = gatewayId;
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
              remember(
                  site, device, key.sessionId(), key.seq(), DeadLetterSender.shortReason(reason));
              if (tracker
                  .deadLettered(site, device, key.sessionId(), key.seq(), reason)
                  .isPresent()) {
                schedule(key.sessionId());
              }
            });
  }

  /**
   * Queues a refusal for the database (the worker writes it; the ingest writer never waits for the
   * database). Past {@link #MAX_UNWRITTEN_REFUSALS} the oldest is let go, counted and logged: the
   * dead letter itself stays in the dead-letter store, only its explanation to other gateways is
   * lost.
   */
  private void remember(String site, String device, String sessionId, long seq, String reason) {
    synchronized (signal) {
      Instant now = clock.instant();
      long micros =
          Math.max(now.getEpochSecond() * 1_000_000L + now.getNano() / 1000, lastRefusalMicros + 1);
      lastRefusalMicros = micros;
      RefusalPoints.Refusal refusal =
          new RefusalPoints.Refusal(site, device, sessionId, seq, reason, micros);
      if (unwrittenRefusals.size() >= MAX_UNWRITTEN_REFUSALS) {
        unwrittenRefusals.removeFirst();
        dropRefusal();
      }
      unwrittenRefusals.addLast(refusal);
      signal.notifyAll();
    }
  }

  /** Counts and logs (the first, then every 1000th) a refusal let go; holds {@code signal}. */
  private void dropRefusal() {
    if (refusalsDropped++ % 1000 == 0) {
      LOG.warn(
          "{} refusals not stored for other gateways (the database is unreachable and {} wait);"
              + " their dead letters are kept",
          refusalsDropped,
          MAX_UNWRITTEN_REFUSALS);
    }
  }

  /**
   * Writes queued refusals, a batch at a time; on failure they wait for the next turn. Returns
   * whether more wait after a successful write.
   */
  private boolean writeRefusals() {
    List<RefusalPoints.Refusal> batch = new ArrayList<>();
    synchronized (signal) {
      while (!unwrittenRefusals.isEmpty() && batch.size() < REFUSALS_PER_WRITE) {
        batch.add(unwrittenRefusals.removeFirst());
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
        Optional<WriteFailure> alone = sink.write(RefusalPoints.of(gatewayId, List.of(refusal)));
        if (alone.isPresent()) {
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
    if (failure.isPresent()) {
      synchronized (signal) {
        for (int i = batch.size() - 1; i >= 0; i--) {
          if (unwrittenRefusals.size() < MAX_UNWRITTEN_REFUSALS) {
            unwrittenRefusals.addFirst(batch.get(i));
          } else {
            dropRefusal();
          }
        }
      }
      LOG.debug("refusals not stored now ({}); next turn", failure.get().reason());
      return false;
    }
    synchronized (signal) {
      return !unwrittenRefusals.isEmpty();
    }
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
    writeRefusals();
    synchronized (signal) {
      if (!unwrittenRefusals.isEmpty()) {
        LOG.warn(
            "{} refusals not stored for other gateways at shutdown (the database is unreachable);"
                + " their dead letters are kept",
            unwrittenRefusals.size());
      }
    }
  }

  private void run() {
    while (running) {
      heartbeat.beat();
      boolean moreRefusals = writeRefusals();
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
