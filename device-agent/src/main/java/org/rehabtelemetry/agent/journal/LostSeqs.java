package org.rehabtelemetry.agent.journal;

import java.time.Instant;
import java.util.List;
import org.rehabtelemetry.protocol.SeqRange;

/**
 * Messages of one session that the journal evicted before they were sent or receipted: they will
 * never be published. What a device answers when the gateway asks for them again.
 *
 * @param sessionId the session
 * @param seqs their seqs, ascending and disjoint; may name more than was lost (ranges merged to fit
 *     one protocol text), never less
 * @param evictedAt when the journal dropped them (wall clock)
 * @param reason why, e.g. {@code size limit 268435456 bytes reached}
 */
public record LostSeqs(String sessionId, List<SeqRange> seqs, Instant evictedAt, String reason) {
  public LostSeqs {
    seqs = List.copyOf(seqs);
  }

  /** How many seqs of {@code ranges} (ascending, disjoint) it names; 0 when none. */
  public long countIn(List<SeqRange> ranges) {
    long count = 0;
    for (SeqRange mine : seqs) {
      for (SeqRange theirs : ranges) {
        count +=
            Math.max(
                0,
                Math.min(mine.last(), theirs.last()) - Math.max(mine.first(), theirs.first()) + 1);
      }
    }
    return count;
  }
}
