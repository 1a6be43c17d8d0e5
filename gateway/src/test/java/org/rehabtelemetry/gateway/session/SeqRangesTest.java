package org.rehabtelemetry.gateway.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeqRangesTest {
  @Test
  void numbersMerge_intoRanges_andGapsAreNamed() {
    SeqRanges seqs = new SeqRanges(100);
    for (long seq : new long[] {0, 1, 2, 5, 3, 7, 8, 2}) {
      seqs.add(seq);
    }
    assertEquals(7, seqs.count(), "2 counted once");
    assertEquals(3, seqs.rangeCount(), "0-3, 5, 7-8");
    List<long[]> gaps = seqs.gaps(10, 10);
    assertEquals(3, gaps.size());
    assertArrayEquals(new long[] {4, 4}, gaps.get(0));
    assertArrayEquals(new long[] {6, 6}, gaps.get(1));
    assertArrayEquals(new long[] {9, 10}, gaps.get(2));
    assertEquals(4, seqs.missing(10));
    seqs.add(4);
    seqs.add(6);
    assertEquals(1, seqs.rangeCount(), "0-8");
  }

  @Test
  void aHugeClaimedSeq_costsOneRange_notMemoryInProportion() {
    SeqRanges seqs = new SeqRanges(100);
    seqs.add(4_294_967_296L);
    seqs.add(9_007_199_254_740_991L);
    assertEquals(2, seqs.rangeCount());
    assertEquals(9_007_199_254_740_991L, seqs.highest());
    assertEquals(9_007_199_254_740_990L, seqs.missing(9_007_199_254_740_991L));
  }

  @Test
  void pastTheRangeBound_newIsolatedNumbersAreRefused_andThatIsSaid() {
    SeqRanges seqs = new SeqRanges(3);
    seqs.add(0);
    seqs.add(10);
    seqs.add(20);
    assertFalse(seqs.add(30));
    assertTrue(seqs.overflowed());
    assertTrue(seqs.add(11), "joining a range still works");
    assertEquals(3, seqs.rangeCount());
  }

  @Test
  void withRanges_addsClaimedRangesToACopy_mergingOverlapsAndNeighbours() {
    SeqRanges seqs = new SeqRanges(100);
    for (long seq : new long[] {0, 1, 5, 9, 20}) {
      seqs.add(seq);
    }
    SeqRanges explained =
        seqs.withRanges(List.of(new long[] {2, 4}, new long[] {6, 10}, new long[] {8, 12}));
    assertEquals(5, seqs.count(), "the original is untouched");
    assertEquals(1 + 13, explained.count(), "0-12 and 20");
    assertEquals(2, explained.rangeCount());
    assertEquals(7, explained.missing(20), "13-19");
  }
}
