package org.rehabtelemetry.agent.journal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.rehabtelemetry.protocol.MessageType;

/**
 * A journal in memory, bounded by {@code maxBytes} of payload: the same contract as {@link
 * DiskJournal} (records handed out after a commit, in id order; samples evicted before events,
 * every unsent loss reported), without persistence. For tests and tools that need a journal but no
 * disk; never for a device. Thread-safe.
 */
public final class MemoryJournal implements Journal {
  private final long maxBytes;
  private final JournalListener listener;
  private final TreeMap<Long, JournalRecord> unsent = new TreeMap<>();
  private long lastId;
  private long committedId;
  private long bytes;
  private long evictedUnsent;
  private final LostSeqsList lost = new LostSeqsList();

  public MemoryJournal(long maxBytes, JournalListener listener) {
    this.maxBytes = maxBytes;
    this.listener = listener;
  }

  @Override
  public synchronized long append(RecordClass lane, MessageType type, byte[] payload) {
    long id = ++lastId;
    unsent.put(id, new JournalRecord(id, lane, type, payload));
    bytes += payload.length;
    while (bytes > maxBytes) {
      JournalRecord victim = victim();
      unsent.remove(victim.id());
      bytes -= victim.payload().length;
      evictedUnsent++;
      String reason = "size limit " + maxBytes + " bytes";
      LostSeqsCollector collector = new LostSeqsCollector();
      collector.add(victim.payload());
      collector.build(Instant.now().truncatedTo(ChronoUnit.MILLIS), reason).forEach(lost::add);
      listener.evicted(victim.recordClass(), victim.id(), victim.id(), 1, reason);
    }
    return id;
  }

  private JournalRecord victim() {
    for (JournalRecord record : unsent.values()) {
      if (record.recordClass() == RecordClass.SAMPLES) {
        return record;
      }
    }
    return unsent.firstEntry().getValue();
  }

  @Override
  public synchronized long nextId() {
    return lastId + 1;
  }

  @Override
  public synchronized void commit() {
    committedId = lastId;
  }

  @Override
  public synchronized List<JournalRecord> readUnsent(long afterId, int max) {
    List<JournalRecord> records = new ArrayList<>();
    for (JournalRecord record : unsent.tailMap(afterId, false).values()) {
      if (records.size() >= max || record.id() > committedId) {
        break;
      }
      records.add(record);
    }
    return records;
  }

  @Override
  public synchronized List<JournalRecord> readUnsent(RecordClass lane, long afterId, int max) {
    List<JournalRecord> records = new ArrayList<>();
    for (JournalRecord record : unsent.tailMap(afterId, false).values()) {
      if (records.size() >= max || record.id() > committedId) {
        break;
      }
      if (record.recordClass() == lane) {
        records.add(record);
      }
    }
    return records;
  }

  @Override
  public synchronized void ack(long id) {
    JournalRecord removed = unsent.remove(id);
    if (removed != null) {
      bytes -= removed.payload().length;
    }
  }

  @Override
  public synchronized long sentFrontier() {
    return unsent.isEmpty() ? lastId : unsent.firstKey() - 1;
  }

  @Override
  public synchronized JournalStats stats() {
    return new JournalStats(
        lastId, committedId, sentFrontier(), unsent.size(), 0, 0, 0, evictedUnsent, 0);
  }

  @Override
  public synchronized List<LostSeqs> lostOf(String sessionId) {
    return lost.of(sessionId);
  }

  @Override
  public void close() {}
}
