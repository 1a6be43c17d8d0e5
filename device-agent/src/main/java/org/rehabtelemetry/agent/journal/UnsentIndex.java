package org.rehabtelemetry.agent.journal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Which records are not yet sent (with receipts: not yet confirmed stored), and where each is: at a
 * position of a segment, indexed per lane so that a lane can be read on its own, or in memory while
 * the disk fails. Every id up to the first unsent one is sent or evicted: the sent frontier. Not
 * thread-safe; the journal locks.
 */
final class UnsentIndex {
  /** Where a record lies on disk. */
  record Location(Segment segment, long position, int size, RecordClass recordClass) {}

  private final Map<RecordClass, TreeMap<Long, Location>> onDisk = new EnumMap<>(RecordClass.class);
  private final TreeMap<Long, JournalRecord> inMemory = new TreeMap<>();

  UnsentIndex() {
    for (RecordClass lane : RecordClass.values()) {
      onDisk.put(lane, new TreeMap<>());
    }
  }

  void onDisk(long id, Location location) {
    inMemory.remove(id);
    onDisk.get(location.recordClass()).put(id, location);
  }

  void inMemory(JournalRecord record) {
    inMemory.put(record.id(), record);
  }

  boolean isInMemory(long id) {
    return inMemory.containsKey(id);
  }

  boolean isUnsent(long id) {
    for (TreeMap<Long, Location> lane : onDisk.values()) {
      if (lane.containsKey(id)) {
        return true;
      }
    }
    return inMemory.containsKey(id);
  }

  /** Marks a record sent; unknown or repeated ids are ignored. */
  void remove(long id) {
    for (TreeMap<Long, Location> lane : onDisk.values()) {
      if (lane.remove(id) != null) {
        return;
      }
    }
    inMemory.remove(id);
  }

  /** Unsent records of {@code lane} on disk with ids above {@code afterId}, in id order. */
  NavigableMap<Long, Location> onDiskAfter(RecordClass lane, long afterId) {
    return onDisk.get(lane).tailMap(afterId, false);
  }

  /**
   * The first {@code max} unsent records on disk with ids above {@code afterId}, over both lanes,
   * in id order: the first {@code max} of each lane, merged.
   */
  List<Map.Entry<Long, Location>> onDiskAfter(long afterId, int max) {
    List<Map.Entry<Long, Location>> merged = new ArrayList<>();
    for (TreeMap<Long, Location> lane : onDisk.values()) {
      int taken = 0;
      for (Map.Entry<Long, Location> entry : lane.tailMap(afterId, false).entrySet()) {
        if (taken++ >= max) {
          break;
        }
        merged.add(entry);
      }
    }
    merged.sort(Map.Entry.comparingByKey());
    return merged.size() > max ? new ArrayList<>(merged.subList(0, max)) : merged;
  }

  /** Unsent records in memory with ids above {@code afterId}, in id order. */
  Collection<JournalRecord> inMemoryAfter(long afterId) {
    return inMemory.tailMap(afterId, false).values();
  }

  /** Forgets the unsent records stored in {@code segment}; returns them, in id order. */
  Map<Long, Location> removeSegment(RecordClass lane, Segment segment) {
    TreeMap<Long, Location> records = onDisk.get(lane);
    TreeMap<Long, Location> removed = new TreeMap<>();
    for (var entry : records.subMap(segment.firstId, true, segment.lastId, true).entrySet()) {
      if (entry.getValue().segment() == segment) {
        removed.put(entry.getKey(), entry.getValue());
      }
    }
    removed.keySet().forEach(records::remove);
    return removed;
  }

  /** The lowest unsent id, or {@code Long.MAX_VALUE} when everything is sent. */
  long firstUnsent() {
    long first = inMemory.isEmpty() ? Long.MAX_VALUE : inMemory.firstKey();
    for (TreeMap<Long, Location> lane : onDisk.values()) {
      if (!lane.isEmpty()) {
        first = Math.min(first, lane.firstKey());
      }
    }
    return first;
  }

  int size() {
    int size = inMemory.size();
    for (TreeMap<Long, Location> lane : onDisk.values()) {
      size += lane.size();
    }
    return size;
  }
}
