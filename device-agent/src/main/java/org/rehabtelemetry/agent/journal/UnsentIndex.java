package org.rehabtelemetry.agent.journal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Which records are not yet sent, and where each is: at a position of a segment, or in memory while
 * the disk fails. Every id up to the first unsent one is sent or evicted: the sent frontier. Not
 * thread-safe; the journal locks.
 */
final class UnsentIndex {
  /** Where a record lies on disk. */
  record Location(Segment segment, long position, int size, RecordClass recordClass) {}

  private final TreeMap<Long, Location> onDisk = new TreeMap<>();
  private final TreeMap<Long, JournalRecord> inMemory = new TreeMap<>();

  void onDisk(long id, Location location) {
    inMemory.remove(id);
    onDisk.put(id, location);
  }

  void inMemory(JournalRecord record) {
    inMemory.put(record.id(), record);
  }

  boolean isInMemory(long id) {
    return inMemory.containsKey(id);
  }

  boolean isUnsent(long id) {
    return onDisk.containsKey(id) || inMemory.containsKey(id);
  }

  /** Marks a record sent; unknown or repeated ids are ignored. */
  void remove(long id) {
    onDisk.remove(id);
    inMemory.remove(id);
  }

  /** Unsent records on disk with ids above {@code afterId}, in id order. */
  NavigableMap<Long, Location> onDiskAfter(long afterId) {
    return onDisk.tailMap(afterId, false);
  }

  /** Unsent records in memory with ids above {@code afterId}, in id order. */
  Collection<JournalRecord> inMemoryAfter(long afterId) {
    return inMemory.tailMap(afterId, false).values();
  }

  /** Forgets the unsent records stored in {@code segment}; returns how many there were. */
  long removeSegment(Segment segment) {
    List<Long> ids = new ArrayList<>();
    for (var entry : onDisk.subMap(segment.firstId, true, segment.lastId, true).entrySet()) {
      if (entry.getValue().segment() == segment) {
        ids.add(entry.getKey());
      }
    }
    ids.forEach(onDisk::remove);
    return ids.size();
  }

  /** The lowest unsent id, or {@code Long.MAX_VALUE} when everything is sent. */
  long firstUnsent() {
    long first = onDisk.isEmpty() ? Long.MAX_VALUE : onDisk.firstKey();
    return inMemory.isEmpty() ? first : Math.min(first, inMemory.firstKey());
  }

  int size() {
    return onDisk.size() + inMemory.size();
  }
}
