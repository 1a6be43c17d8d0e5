package org.rehabtelemetry.agent.publish;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rehabtelemetry.protocol.MessageKey;
import org.rehabtelemetry.protocol.Receipt;
import org.rehabtelemetry.protocol.SeqRange;

/**
 * The journal records the agent has published and not yet seen a storage receipt for: which message
 * each is (its {@link MessageKey}), when the broker acknowledged it, and when to send it again. A
 * receipt names messages; this finds their journal ids. Pure logic on caller-supplied nanosecond
 * times; not thread-safe (the publisher locks).
 *
 * <p>Memory holds one entry per published, unreceipted record, so it is bounded by the journal's
 * own bounds; {@link #forget} drops records the journal no longer holds.
 */
final class ReceiptTracker {
  private static final int MAX_BACKOFF_SHIFT = 2;

  /**
   * Resends of one record without a receipt before the tracker stops resending it (about 20 min at
   * the default timeout): a gateway that refuses the device (unknown, over a bound) would otherwise
   * get it forever. The record stays in the journal; a reconnect or restart sends it again.
   */
  static final int MAX_RESENDS = 10;

  /**
   * A record the broker acknowledged less than this long ago is not sent again for a RESEND: it is
   * on its way to the gateway. With at most {@code receipts.maxAwaiting} records per device waiting
   * at the gateway, a record reaches its store well within this in the drain benchmark.
   */
  static final long RESEND_SETTLE_NANOS = 2_000_000_000L;

  private static final class Entry {
    final long id;
    final MessageKey key;
    long sentNanos;
    long ackedNanos = -1;
    int resends;

    Entry(long id, MessageKey key, long sentNanos) {
      this.id = id;
      this.key = key;
      this.sentNanos = sentNanos;
    }
  }

  /** A record a receipt freed, and how long after its last publish the receipt came. */
  record Freed(long id, long latencyNanos) {}

  private final long timeoutNanos;
  private int givenUp;
  private final TreeMap<Long, Entry> byId = new TreeMap<>();
  private final Map<String, TreeMap<Long, Entry>> bySession = new HashMap<>();
  private final Map<MessageKey, Entry> idleAlarms = new HashMap<>();

  ReceiptTracker(long timeoutNanos) {
    this.timeoutNanos = timeoutNanos;
  }

  /** A record was published (first time or again). */
  void sent(long id, MessageKey key, long nowNanos) {
    Entry entry = byId.get(id);
    if (entry != null) {
      entry.sentNanos = nowNanos;
      entry.ackedNanos = -1;
      return;
    }
    entry = new Entry(id, key, nowNanos);
    byId.put(id, entry);
    if (key instanceof MessageKey.InSession session) {
      bySession
          .computeIfAbsent(session.sessionId(), s -> new TreeMap<>())
          .put(session.seq(), entry);
    } else {
      idleAlarms.put(key, entry);
    }
  }

  /** The broker acknowledged a record: its receipt is due from now. */
  void acknowledged(long id, long nowNanos) {
    Entry entry = byId.get(id);
    if (entry != null) {
      entry.ackedNanos = nowNanos;
    }
  }

  /** The records {@code receipt} covers; they are forgotten here. */
  List<Freed> receipted(Receipt receipt, long nowNanos) {
    List<Entry> covered = new ArrayList<>();
    if (receipt instanceof Receipt.ForSession session) {
      TreeMap<Long, Entry> seqs = bySession.get(session.sessionId());
      if (seqs != null) {
        for (SeqRange range : session.seqs()) {
          covered.addAll(seqs.subMap(range.first(), true, range.last(), true).values());
        }
      }
    } else {
      Receipt.ForIdleAlarm alarm = (Receipt.ForIdleAlarm) receipt;
      Entry entry = idleAlarms.get(new MessageKey.IdleAlarm(alarm.alarmId(), alarm.state()));
      if (entry != null) {
        covered.add(entry);
      }
    }
    List<Freed> freed = new ArrayList<>(covered.size());
    for (Entry entry : covered) {
      remove(entry);
      freed.add(new Freed(entry.id, nowNanos - entry.sentNanos));
    }
    return freed;
  }

  /**
   * Up to {@code max} records whose receipt is overdue, oldest first: acknowledged by the broker
   * longer ago than the timeout (doubled per resend so far, up to 4 times). Each is counted as
   * resent; the caller publishes it again and calls {@link #sent}.
   */
  List<Long> overdue(long nowNanos, int max) {
    List<Long> due = new ArrayList<>();
    for (Entry entry : byId.values()) {
      if (due.size() >= max) {
        break;
      }
      long wait = timeoutNanos << Math.min(entry.resends, MAX_BACKOFF_SHIFT);
      if (entry.resends >= MAX_RESENDS) {
        continue;
      }
      if (entry.ackedNanos >= 0 && nowNanos - entry.ackedNanos >= wait) {
        entry.resends++;
        if (entry.resends == MAX_RESENDS) {
          givenUp++;
        }
        due.add(entry.id);
      }
    }
    return due;
  }

  /**
   * Forgets and returns the records acknowledged by the broker at least {@code graceNanos} ago: for
   * an agent whose gateway sends no receipts.
   */
  List<Long> acknowledgedBefore(long nowNanos, long graceNanos) {
    List<Long> expired = new ArrayList<>();
    Iterator<Entry> entries = byId.values().iterator();
    while (entries.hasNext()) {
      Entry entry = entries.next();
      if (entry.ackedNanos >= 0 && nowNanos - entry.ackedNanos >= graceNanos) {
        expired.add(entry.id);
      }
    }
    expired.forEach(this::forget);
    return expired;
  }

  /**
   * A gateway asks for these seqs of a session again (a RESEND): those published, acknowledged by
   * the broker at least {@link #RESEND_SETTLE_NANOS} (or a quarter of the timeout, if shorter) ago
   * and still waiting for a receipt become due at once; one given up is resent again (the gateway
   * wants it, so it does not refuse this device). One acknowledged more recently is left alone: it
   * is on its way, queued at the gateway behind a backlog (a session's summary goes ahead of its
   * samples, so the gateway asks for samples the agent has only just sent). Returns how many became
   * due.
   */
  int dueNow(String sessionId, List<SeqRange> seqs, long nowNanos) {
    TreeMap<Long, Entry> bySeq = bySession.get(sessionId);
    if (bySeq == null) {
      return 0;
    }
    int due = 0;
    long settle = Math.min(RESEND_SETTLE_NANOS, timeoutNanos / 4);
    for (SeqRange range : seqs) {
      for (Entry entry : bySeq.subMap(range.first(), true, range.last(), true).values()) {
        if (entry.ackedNanos >= 0 && nowNanos - entry.ackedNanos >= settle) {
          entry.ackedNanos = nowNanos - (timeoutNanos << MAX_BACKOFF_SHIFT);
          if (entry.resends >= MAX_RESENDS) {
            entry.resends = MAX_RESENDS - 1;
          }
          due++;
        }
      }
    }
    return due;
  }

  /**
   * A gateway is back after a silence: forgets how often each record was resent, so that records
   * acknowledged long ago are due at once instead of after their backed-off wait.
   */
  void resetBackoff() {
    for (Entry entry : byId.values()) {
      entry.resends = 0;
    }
  }

  /** Drops a record the journal no longer holds (freed or evicted). */
  void forget(long id) {
    Entry entry = byId.get(id);
    if (entry != null) {
      remove(entry);
    }
  }

  /** Drops every record with an id up to {@code id}. */
  void forgetUpTo(long id) {
    while (!byId.isEmpty() && byId.firstKey() <= id) {
      remove(byId.firstEntry().getValue());
    }
  }

  /** Records resent for the last time since the previous call: from now on not resent. */
  int takeGivenUp() {
    int count = givenUp;
    givenUp = 0;
    return count;
  }

  /** Records waiting for a receipt. */
  int size() {
    return byId.size();
  }

  private void remove(Entry entry) {
    byId.remove(entry.id);
    if (entry.key instanceof MessageKey.InSession session) {
      TreeMap<Long, Entry> seqs = bySession.get(session.sessionId());
      if (seqs != null && seqs.get(session.seq()) == entry) {
        seqs.remove(session.seq());
        if (seqs.isEmpty()) {
          bySession.remove(session.sessionId());
        }
      }
    } else if (idleAlarms.get(entry.key) == entry) {
      idleAlarms.remove(entry.key);
    }
  }
}
