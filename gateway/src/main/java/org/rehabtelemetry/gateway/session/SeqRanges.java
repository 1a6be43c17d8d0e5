package org.rehabtelemetry.gateway.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of sequence numbers as sorted, disjoint, inclusive ranges: memory grows with the number of
 * gaps, never with the numbers themselves, so a device that claims seq 2^53 costs one range. At
 * most {@code maxRanges} ranges are kept; a set that would need more (a hostile or broken sender
 * skipping every other number) stops growing and says so ({@link #overflowed()}). Not thread-safe.
 */
public final class SeqRanges {
  private final int maxRanges;
  private final TreeMap<Long, Long> ranges = new TreeMap<>();
  private long count;
  private boolean overflowed;

  public SeqRanges(int maxRanges) {
    this.maxRanges = maxRanges;
  }

  /** Adds a number; returns whether it was new. */
  public boolean add(long seq) {
    Map.Entry<Long, Long> below = ranges.floorEntry(seq);
    if (below != null && below.getValue() >= seq) {
      return false;
    }
    boolean joinsBelow = below != null && below.getValue() == seq - 1;
    Map.Entry<Long, Long> above = ranges.ceilingEntry(seq + 1);
    boolean joinsAbove = above != null && above.getKey() == seq + 1;
    if (!joinsBelow && !joinsAbove && ranges.size() >= maxRanges) {
      overflowed = true;
      return false;
    }
    if (joinsBelow && joinsAbove) {
      ranges.put(below.getKey(), above.getValue());
      ranges.remove(above.getKey());
    } else if (joinsBelow) {
      ranges.put(below.getKey(), seq);
    } else if (joinsAbove) {
      ranges.remove(above.getKey());
      ranges.put(seq, above.getValue());
    } else {
      ranges.put(seq, seq);
    }
    count++;
    return true;
  }

  /**
   * A copy with every number of {@code [first, last]} added too, whatever the range bound: for
   * counting what a set of claimed ranges explains, never for tracking.
   */
  public SeqRanges withRanges(List<long[]> added) {
    SeqRanges copy = new SeqRanges(Integer.MAX_VALUE);
    copy.ranges.putAll(ranges);
    copy.count = count;
    copy.overflowed = overflowed;
    for (long[] range : added) {
      copy.mergeRange(range[0], range[1]);
    }
    return copy;
  }

  /**
   * Adds every number of {@code [first, last]}; returns false, and says so ({@link #overflowed()}),
   * when it would need a new range past the bound.
   */
  public boolean addRange(long first, long last) {
    Map.Entry<Long, Long> below = ranges.floorEntry(first);
    Map.Entry<Long, Long> above = ranges.ceilingEntry(first);
    boolean touches =
        (below != null && below.getValue() >= first - 1)
            || (above != null && above.getKey() <= last + 1);
    if (!touches && ranges.size() >= maxRanges) {
      overflowed = true;
      return false;
    }
    mergeRange(first, last);
    return true;
  }

  private void mergeRange(long first, long last) {
    long from = first;
    long to = last;
    Map.Entry<Long, Long> below = ranges.floorEntry(first);
    if (below != null && below.getValue() >= first - 1) {
      from = below.getKey();
      to = Math.max(to, below.getValue());
    }
    for (Map.Entry<Long, Long> next = ranges.ceilingEntry(from);
        next != null && next.getKey() <= to + 1;
        next = ranges.ceilingEntry(from)) {
      to = Math.max(to, next.getValue());
      count -= next.getValue() - next.getKey() + 1;
      ranges.remove(next.getKey());
    }
    ranges.put(from, to);
    count += to - from + 1;
  }

  public boolean contains(long seq) {
    Map.Entry<Long, Long> below = ranges.floorEntry(seq);
    return below != null && below.getValue() >= seq;
  }

  /** The ranges held, ascending, each as {@code {first, last}}. */
  public List<long[]> ranges() {
    List<long[]> list = new ArrayList<>(ranges.size());
    ranges.forEach((first, last) -> list.add(new long[] {first, last}));
    return list;
  }

  /** How many distinct numbers. */
  public long count() {
    return count;
  }

  /** The highest number, or -1 when empty. */
  public long highest() {
    return ranges.isEmpty() ? -1 : ranges.lastEntry().getValue();
  }

  public int rangeCount() {
    return ranges.size();
  }

  /** Whether a number was refused because the range bound was reached. */
  public boolean overflowed() {
    return overflowed;
  }

  /**
   * The missing numbers from 0 to {@code upTo}, as inclusive ranges {@code [from, to]}, the first
   * {@code max} of them.
   */
  public List<long[]> gaps(long upTo, int max) {
    List<long[]> gaps = new ArrayList<>();
    long next = 0;
    for (Map.Entry<Long, Long> range : ranges.entrySet()) {
      if (next > upTo || gaps.size() >= max) {
        return gaps;
      }
      if (range.getKey() > next) {
        gaps.add(new long[] {next, Math.min(range.getKey() - 1, upTo)});
      }
      next = Math.max(next, range.getValue() + 1);
    }
    if (next <= upTo && gaps.size() < max) {
      gaps.add(new long[] {next, upTo});
    }
    return gaps;
  }

  /** How many numbers are missing from 0 to {@code upTo}. */
  public long missing(long upTo) {
    if (upTo < 0) {
      return 0;
    }
    long present = 0;
    for (Map.Entry<Long, Long> range : ranges.headMap(upTo, true).entrySet()) {
      present += Math.min(range.getValue(), upTo) - range.getKey() + 1;
    }
    return upTo + 1 - present;
  }
}
