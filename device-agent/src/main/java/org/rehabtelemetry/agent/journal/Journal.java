package org.rehabtelemetry.agent.journal;

import java.util.List;
import org.rehabtelemetry.protocol.MessageType;

/**
 * The agent's store-and-forward journal: every message is appended before it is published, and
 * stays until it is acknowledged, so nothing is lost between a sensor and the broker through a
 * broker outage, a crash or a power cut. Two implementations pass one contract suite: {@link
 * DiskJournal} (the device's; crash-safe segment files) and {@link MemoryJournal} (tests and
 * tools).
 *
 * <ul>
 *   <li>Ids rise by one per append across both lanes, from 1.
 *   <li>{@link #readUnsent} hands out only records that may be published: durable (fsynced) ones,
 *       or, while the disk fails, the ones waiting in memory.
 *   <li>{@link #ack} marks a record sent; the {@linkplain #sentFrontier sent frontier} is the id up
 *       to which everything is sent or evicted.
 *   <li>A bounded journal evicts samples before events and reports every unsent record it drops to
 *       its {@link JournalListener}; it never drops one silently.
 * </ul>
 *
 * Implementations are thread-safe. {@link #commit()} blocks for the fsync; the rest does not block
 * on the disk beyond an append's write to the operating system.
 */
public interface Journal extends AutoCloseable {
  /**
   * Appends a record; it becomes publishable at the next commit. Never throws for a failing disk:
   * the record then waits in memory.
   *
   * @return the record's id
   */
  long append(RecordClass lane, MessageType type, byte[] payload);

  /** The id the next {@link #append} will return. */
  long nextId();

  /** Makes every appended record durable now; blocks for the fsync. */
  void commit();

  /** Up to {@code max} unsent publishable records with ids above {@code afterId}, in id order. */
  List<JournalRecord> readUnsent(long afterId, int max);

  /**
   * Up to {@code max} unsent publishable records of one lane with ids above {@code afterId}, in id
   * order: how the publisher sends events (alarms, lifecycle) ahead of a backlog of samples.
   */
  List<JournalRecord> readUnsent(RecordClass lane, long afterId, int max);

  /** Marks a record sent. Unknown or repeated ids are ignored. */
  void ack(long id);

  /** Every id up to this one is sent or evicted. */
  long sentFrontier();

  JournalStats stats();

  /**
   * What the journal evicted of one session before it was sent (with receipts: before a receipt
   * covered it), oldest eviction first; empty when nothing. A bounded number of evictions is
   * remembered, across restarts for the disk journal.
   */
  List<LostSeqs> lostOf(String sessionId);

  /** Commits and releases the files; the journal is unusable afterwards. */
  @Override
  void close();
}
