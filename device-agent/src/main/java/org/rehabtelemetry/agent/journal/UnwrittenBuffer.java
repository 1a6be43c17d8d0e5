package org.rehabtelemetry.agent.journal;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Records that could not be written because the disk fails (it is full), kept in memory in id order
 * until writing works again, within a byte bound. Past it, the oldest waiting sample batch is
 * dropped first, an event only when no sample is left. Not thread-safe; the journal locks.
 */
final class UnwrittenBuffer {
  private final long maxBytes;
  private final Deque<JournalRecord> waiting = new ArrayDeque<>();
  private long bytes;

  UnwrittenBuffer(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  boolean isEmpty() {
    return waiting.isEmpty();
  }

  int size() {
    return waiting.size();
  }

  void add(JournalRecord record) {
    waiting.addLast(record);
    bytes += record.payload().length;
  }

  boolean overBound() {
    return bytes > maxBytes;
  }

  long maxBytes() {
    return maxBytes;
  }

  /** The oldest waiting record, or null. */
  JournalRecord oldest() {
    return waiting.peekFirst();
  }

  void removeOldest() {
    JournalRecord record = waiting.removeFirst();
    bytes -= record.payload().length;
  }

  /** Drops the oldest waiting sample batch, else the oldest event; returns it, or null if empty. */
  JournalRecord dropVictim() {
    JournalRecord victim = null;
    for (JournalRecord candidate : waiting) {
      if (candidate.recordClass() == RecordClass.SAMPLES) {
        victim = candidate;
        break;
      }
    }
    if (victim == null) {
      victim = waiting.peekFirst();
    }
    if (victim != null) {
      waiting.remove(victim);
      bytes -= victim.payload().length;
    }
    return victim;
  }
}
