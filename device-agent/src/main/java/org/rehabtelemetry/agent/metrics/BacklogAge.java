package org.rehabtelemetry.agent.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.rehabtelemetry.agent.journal.Journal;
import org.rehabtelemetry.agent.journal.JournalRecord;
import org.rehabtelemetry.protocol.MessageCodec;
import org.rehabtelemetry.protocol.ProtocolException;

/**
 * How long the oldest record the broker has not acknowledged has waited: now minus the time in that
 * record's message header. Zero when nothing waits. Reads one record from the journal per call (a
 * scrape), so it blocks for one small read; thread-safe as the journal is.
 */
public final class BacklogAge {
  private final Journal journal;
  private final Clock clock;
  private final MessageCodec codec = new MessageCodec();

  public BacklogAge(Journal journal, Clock clock) {
    this.journal = journal;
    this.clock = clock;
  }

  /** The oldest unacknowledged record's age in seconds, or 0. */
  public double seconds() {
    List<JournalRecord> oldest = journal.readUnsent(journal.sentFrontier(), 1);
    if (oldest.isEmpty()) {
      return 0;
    }
    try {
      Duration age =
          Duration.between(codec.decode(oldest.get(0).payload()).header().time(), clock.instant());
      return Math.max(0, age.toMillis() / 1000.0);
    } catch (ProtocolException e) {
      return 0; // a record the journal holds was encoded by this agent; this cannot happen
    }
  }
}
