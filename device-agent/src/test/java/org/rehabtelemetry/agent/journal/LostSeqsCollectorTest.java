package org.rehabtelemetry.agent.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.protocol.Limits;
import org.rehabtelemetry.protocol.SeqRange;
import org.rehabtelemetry.protocol.SeqRangeText;

class LostSeqsCollectorTest {
  @Test
  void contiguousSeqs_becomeRanges() {
    TreeSet<Long> seqs = new TreeSet<>(List.of(0L, 1L, 2L, 5L, 7L, 8L));
    assertEquals(
        List.of(new SeqRange(0, 2), new SeqRange(5, 5), new SeqRange(7, 8)),
        LostSeqsCollector.ranges(seqs));
  }

  @Test
  void tooManyRanges_closeTheSmallestHoles_namingMoreNeverLess() {
    TreeSet<Long> seqs = new TreeSet<>();
    for (long seq = 999_000; seq < 999_999; seq += 2) {
      seqs.add(seq); // 500 single seqs with one-seq holes
    }
    seqs.add(0L); // far away: its hole is the largest and stays open
    List<SeqRange> ranges = LostSeqsCollector.ranges(seqs);
    assertTrue(ranges.size() <= LostSeqsCollector.MAX_RANGES, ranges.toString());
    assertEquals(new SeqRange(0, 0), ranges.get(0));
    for (long seq : seqs) {
      assertTrue(ranges.stream().anyMatch(r -> r.contains(seq)), "covers " + seq);
    }
    assertEquals(1, SeqRangeText.format(ranges, Limits.MAX_TEXT_LENGTH).size(), "one text");
  }

  @Test
  void union_mergesOverlapsAndNeighbours() {
    assertEquals(
        List.of(new SeqRange(0, 12), new SeqRange(20, 20)),
        LostSeqsCollector.union(
            List.of(new SeqRange(0, 5), new SeqRange(20, 20)),
            List.of(new SeqRange(6, 9), new SeqRange(8, 12))));
  }
}
