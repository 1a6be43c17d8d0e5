package org.rehabtelemetry.agent.journal;

/**
 * Hears what the journal must never do silently. Called on the journal's threads; must not block
 * and must not call back into the journal.
 */
public interface JournalListener {
  /**
   * Records were evicted to keep the journal within its bounds.
   *
   * @param lane the lane they were in
   * @param firstId first evicted id
   * @param lastId last evicted id
   * @param unsent how many of them had not been acknowledged by the broker: data lost
   * @param reason e.g. {@code size limit 268435456 bytes}
   */
  void evicted(RecordClass lane, long firstId, long lastId, long unsent, String reason);

  /** Writing failed (e.g. the disk is full); records wait in memory and writing is retried. */
  void writeFailed(String problem);

  /** Writing works again after a failure. */
  void writeRecovered();

  /** Recovery at open found damaged bytes it skipped or truncated. */
  void damaged(String problem);

  /** A listener that ignores everything, for tools and tests that check state directly. */
  JournalListener NONE =
      new JournalListener() {
        @Override
        public void evicted(
            RecordClass lane, long firstId, long lastId, long unsent, String reason) {}

        @Override
        public void writeFailed(String problem) {}

        @Override
        public void writeRecovered() {}

        @Override
        public void damaged(String problem) {}
      };
}
