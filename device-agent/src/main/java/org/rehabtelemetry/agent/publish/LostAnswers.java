package org.rehabtelemetry.agent.publish;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.rehabtelemetry.agent.journal.Journal;
import org.rehabtelemetry.agent.journal.LostSeqs;
import org.rehabtelemetry.protocol.Header;
import org.rehabtelemetry.protocol.LostRecords;
import org.rehabtelemetry.protocol.ProtocolException;
import org.rehabtelemetry.protocol.ResendRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code lost} answers to a gateway's resend requests (docs/protocol.md): for each eviction the
 * journal remembers of the session that overlaps a request, an answer is queued for the publisher's
 * thread to publish. Answers are not journaled: a session's seqs are its journal ids, so a record
 * of another kind appended while a session runs would open a gap in it; the ledger they come from
 * is durable, and the gateway asks again.
 *
 * <p>Bounded whatever a gateway asks: an eviction is answered at most once per 5 s, at most {@value
 * #MAX_PER_WINDOW} answers per 10 s in all, and at most {@value #MAX_QUEUED} wait; the rest are
 * refused for now (the gateway asks again in 10 s). Thread-safe: the MQTT client's thread queues,
 * the publisher's thread takes.
 */
final class LostAnswers {
  private static final Logger LOG = LoggerFactory.getLogger(LostAnswers.class);
  private static final long EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final int MAX_PER_WINDOW = 20;
  private static final int MAX_QUEUED = 20;

  private final Journal journal;
  private final ReceiptStats stats;

  /** Answers waiting for the publisher's thread; guarded by itself, as are the next three. */
  private final Deque<LostSeqs> queued = new ArrayDeque<>();

  /** When each eviction was last answered (newest 256). */
  private final Map<LostSeqs, Long> answeredNanos =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<LostSeqs, Long> eldest) {
          return size() > 256;
        }
      };

  private long windowStartNanos = System.nanoTime();
  private int inWindow;

  LostAnswers(Journal journal, ReceiptStats stats) {
    this.journal = journal;
    this.stats = stats;
  }

  /**
   * On the MQTT client's thread: queues the answers to {@code request}.
   *
   * @return how many of the requested seqs the queued answers name
   */
  long answer(ResendRequest request) {
    long named = 0;
    long now = System.nanoTime();
    for (LostSeqs lost : journal.lostOf(request.sessionId())) {
      long count = lost.countIn(request.seqs());
      if (count == 0 || !admit(lost, now)) {
        continue;
      }
      named += count;
      stats.answeredLost.add(count);
    }
    return named;
  }

  private boolean admit(LostSeqs lost, long now) {
    synchronized (queued) {
      Long last = answeredNanos.get(lost);
      if (last != null && now - last < EVERY_NANOS) {
        return false;
      }
      if (now - windowStartNanos > WINDOW_NANOS) {
        windowStartNanos = now;
        inWindow = 0;
      }
      if (inWindow >= MAX_PER_WINDOW || queued.size() >= MAX_QUEUED) {
        stats.answersRefused.increment();
        return false;
      }
      inWindow++;
      answeredNanos.put(lost, now);
      queued.addLast(lost);
      return true;
    }
  }

  /**
   * On the publisher's thread: up to {@code max} queued answers as messages with {@code header},
   * taken from the queue. One that cannot be encoded is logged and skipped.
   */
  List<LostRecords> take(int max, Supplier<Header> header) {
    List<LostSeqs> taken = new ArrayList<>();
    synchronized (queued) {
      while (taken.size() < max && !queued.isEmpty()) {
        taken.add(queued.removeFirst());
      }
    }
    if (taken.isEmpty()) {
      return List.of();
    }
    List<LostRecords> messages = new ArrayList<>(taken.size());
    Header now = header.get();
    for (LostSeqs lost : taken) {
      try {
        messages.add(
            new LostRecords(now, lost.sessionId(), lost.seqs(), lost.evictedAt(), lost.reason()));
      } catch (ProtocolException e) {
        LOG.warn("cannot answer {} as lost: {}", lost, e.getMessage());
      }
    }
    return messages;
  }
}
