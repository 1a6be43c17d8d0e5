package org.rehabtelemetry.agent.session;

import java.util.List;
import org.rehabtelemetry.agent.journal.Journal;
import org.rehabtelemetry.agent.journal.JournalListener;
import org.rehabtelemetry.agent.journal.JournalRecord;
import org.rehabtelemetry.agent.journal.JournalStats;
import org.rehabtelemetry.agent.journal.MemoryJournal;
import org.rehabtelemetry.agent.journal.RecordClass;
import org.rehabtelemetry.protocol.MessageType;

/**
 * A memory journal whose ids can jump ahead ({@link #skip}), as if many records had been written: a
 * session near the seq limit without writing a million records. Test-only.
 */
final class SkippingJournal implements Journal {
  private final MemoryJournal inner = new MemoryJournal(1 << 26, JournalListener.NONE);
  private long offset;

  void skip(long ids) {
    offset += ids;
  }

  @Override
  public long append(RecordClass lane, MessageType type, byte[] payload) {
    return inner.append(lane, type, payload) + offset;
  }

  @Override
  public long nextId() {
    return inner.nextId() + offset;
  }

  @Override
  public void commit() {
    inner.commit();
  }

  /** Every record, with its inner id. */
  @Override
  public List<JournalRecord> readUnsent(long afterId, int max) {
    return inner.readUnsent(afterId, max);
  }

  @Override
  public List<JournalRecord> readUnsent(RecordClass lane, long afterId, int max) {
    return inner.readUnsent(lane, afterId, max);
  }

  @Override
  public void ack(long id) {
    inner.ack(id - offset);
  }

  @Override
  public long sentFrontier() {
    return inner.sentFrontier();
  }

  @Override
  public JournalStats stats() {
    return inner.stats();
  }

  @Override
  public java.util.List<org.rehabtelemetry.agent.journal.LostSeqs> lostOf(String sessionId) {
    return inner.lostOf(sessionId);
  }

  @Override
  public void close() {
    inner.close();
  }
}
