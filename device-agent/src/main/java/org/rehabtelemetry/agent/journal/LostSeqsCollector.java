package org.rehabtelemetry.agent.journal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.rehabtelemetry.protocol.MessageKey;
import org.rehabtelemetry.protocol.SeqRange;

/**
 * Gathers the session seqs of records an eviction drops, from their payloads, into one {@link
 * LostSeqs} per session. A session's seqs become at most {@value #MAX_RANGES} ranges: past that the
 * closest ranges are merged, so the answer may name seqs that were not lost (the gateway counts
 * only those it lacks), but never leaves one out. Records without a session key (statuses, alarms
 * raised while idle) are not counted. Not thread-safe; one per eviction.
 */
final class LostSeqsCollector {
  /** At most 30 ranges of at most {@code 999999-999999} fit the protocol's 500-char text. */
  static final int MAX_RANGES = 30;

  private final Map<String, TreeSet<Long>> seqsBySession = new LinkedHashMap<>();

  /** Adds an evicted record's payload. */
  void add(byte[] payload) {
    MessageKey.peek(payload)
        .ifPresent(
            key -> {
              if (key instanceof MessageKey.InSession inSession) {
                seqsBySession
                    .computeIfAbsent(inSession.sessionId(), id -> new TreeSet<>())
                    .add(inSession.seq());
              }
            });
  }

  boolean isEmpty() {
    return seqsBySession.isEmpty();
  }

  /** One entry per session seen, in the order first seen. */
  List<LostSeqs> build(Instant evictedAt, String reason) {
    List<LostSeqs> lost = new ArrayList<>();
    seqsBySession.forEach(
        (sessionId, seqs) -> lost.add(new LostSeqs(sessionId, ranges(seqs), evictedAt, reason)));
    return lost;
  }

  /** Ascending, disjoint ranges covering {@code seqs}, at most {@value #MAX_RANGES}. */
  static List<SeqRange> ranges(SortedSet<Long> seqs) {
    List<long[]> ranges = new ArrayList<>();
    for (long seq : seqs) {
      long[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
      if (last != null && last[1] + 1 == seq) {
        last[1] = seq;
      } else {
        ranges.add(new long[] {seq, seq});
      }
    }
    return bounded(ranges);
  }

  /** The union of two range lists, at most {@value #MAX_RANGES} ranges. */
  static List<SeqRange> union(List<SeqRange> a, List<SeqRange> b) {
    List<SeqRange> all = new ArrayList<>(a);
    all.addAll(b);
    all.sort(Comparator.comparingLong(SeqRange::first));
    List<long[]> ranges = new ArrayList<>();
    for (SeqRange range : all) {
      long[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
      if (last != null && range.first() <= last[1] + 1) {
        last[1] = Math.max(last[1], range.last());
      } else {
        ranges.add(new long[] {range.first(), range.last()});
      }
    }
    return bounded(ranges);
  }

  /** Ascending, disjoint, non-adjacent ranges, the smallest holes closed past the bound. */
  private static List<SeqRange> bounded(List<long[]> ranges) {
    List<SeqRange> result = new ArrayList<>(Math.min(ranges.size(), MAX_RANGES));
    boolean[] closed = closedHoles(ranges);
    long first = -1;
    for (int i = 0; i < ranges.size(); i++) {
      if (first < 0) {
        first = ranges.get(i)[0];
      }
      if (i == ranges.size() - 1 || !closed[i]) {
        result.add(new SeqRange(first, ranges.get(i)[1]));
        first = -1;
      }
    }
    return result;
  }

  /**
   * Which holes (between range i and i + 1) to close so that at most {@value #MAX_RANGES} remain:
   * the smallest ones, so the fewest seqs not lost are named.
   */
  private static boolean[] closedHoles(List<long[]> ranges) {
    boolean[] closed = new boolean[Math.max(0, ranges.size() - 1)];
    int toClose = ranges.size() - MAX_RANGES;
    if (toClose <= 0) {
      return closed;
    }
    Integer[] holes = new Integer[closed.length];
    for (int i = 0; i < holes.length; i++) {
      holes[i] = i;
    }
    Arrays.sort(holes, Comparator.comparingLong(i -> hole(ranges, i)));
    for (int i = 0; i < toClose; i++) {
      closed[holes[i]] = true;
    }
    return closed;
  }

  /** The seqs between range {@code i} and the next one. */
  private static long hole(List<long[]> ranges, int i) {
    return ranges.get(i + 1)[0] - ranges.get(i)[1];
  }
}
