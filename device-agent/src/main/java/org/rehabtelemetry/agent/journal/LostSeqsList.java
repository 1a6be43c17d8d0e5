package org.rehabtelemetry.agent.journal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The newest {@value #MAX_ENTRIES} evictions of session seqs, in memory. One eviction of a lane
 * drops one segment; when the journal stays full it drops one after another, so an entry absorbs
 * the next one of the same session with the same reason within {@link #MERGE_WITHIN} of its first
 * eviction: the device then answers "seqs 0-67 lost, evicted from T on, because R" once rather than
 * once per segment. Replaying the same entries in the same order gives the same list, which is how
 * {@link LostLedger} reads its file back. Not thread-safe; the journal locks.
 */
final class LostSeqsList {
  static final int MAX_ENTRIES = 1_000;
  static final Duration MERGE_WITHIN = Duration.ofMinutes(1);

  private final Deque<LostSeqs> entries = new ArrayDeque<>();

  void add(LostSeqs entry) {
    LostSeqs merged = null;
    for (LostSeqs known : entries) {
      if (known.sessionId().equals(entry.sessionId())
          && known.reason().equals(entry.reason())
          && !entry.evictedAt().isBefore(known.evictedAt())
          && !entry.evictedAt().isAfter(known.evictedAt().plus(MERGE_WITHIN))) {
        merged = known;
      }
    }
    if (merged != null) {
      entries.remove(merged);
      entry =
          new LostSeqs(
              entry.sessionId(),
              LostSeqsCollector.union(merged.seqs(), entry.seqs()),
              merged.evictedAt(),
              entry.reason());
    }
    entries.addLast(entry);
    while (entries.size() > MAX_ENTRIES) {
      entries.removeFirst();
    }
  }

  /** The entries of one session, oldest first. */
  List<LostSeqs> of(String sessionId) {
    List<LostSeqs> found = new ArrayList<>();
    for (LostSeqs entry : entries) {
      if (entry.sessionId().equals(sessionId)) {
        found.add(entry);
      }
    }
    return found;
  }

  List<LostSeqs> all() {
    return new ArrayList<>(entries);
  }

  int size() {
    return entries.size();
  }
}
