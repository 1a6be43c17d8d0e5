package org.rehabtelemetry.agent.journal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;
import org.rehabtelemetry.runtime.files.FileLayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a journal's files after a stop, a crash or a power cut: reads the saved state, scans every
 * lane (valid records kept, damaged bytes skipped and torn tails truncated, each reported), indexes
 * the records above the saved sent frontier as unsent, and reports every id that was durable but is
 * now missing and was not evicted on purpose. Runs once, before the journal serves.
 */
final class JournalRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(JournalRecovery.class);

  /** What recovery found. */
  record Result(long lastId) {}

  private final FileLayer files;
  private final Path dir;
  private final JournalListener listener;
  private final long openedMillis;

  /**
   * @param openedMillis now, on the journal's clock: the age of every recovered segment counts from
   *     it ({@link Lane#recover})
   */
  JournalRecovery(FileLayer files, Path dir, JournalListener listener, long openedMillis) {
    this.files = files;
    this.dir = dir;
    this.listener = listener;
    this.openedMillis = openedMillis;
  }

  Result run(
      Map<RecordClass, Lane> lanes,
      JournalStateFile state,
      EvictedRanges evicted,
      UnsentIndex unsent)
      throws IOException {
    files.createDirectories(dir);
    state.read(this::damaged);
    long frontier = state.frontier();
    TreeMap<Long, Lane.Found> found = new TreeMap<>();
    for (Lane lane : lanes.values()) {
      lane.recover(record -> found.put(record.record().id(), record), this::damaged, openedMillis);
    }
    evicted.readAndPrune(frontier);
    long cutoff = firstGapAboveDurable(found, state.durableId(), frontier, evicted);
    discardFrom(cutoff, found, lanes);
    for (Lane.Found record : found.values()) {
      record.segment().lastId = Math.max(record.segment().lastId, record.record().id());
    }
    for (Lane.Found record : found.headMap(cutoff, false).values()) {
      if (record.record().id() > frontier) {
        unsent.onDisk(
            record.record().id(),
            new UnsentIndex.Location(
                record.segment(), record.position(), record.size(), record.record().recordClass()));
      }
    }
    for (Lane lane : lanes.values()) {
      lane.force(); // truncations and deletions made by recovery
    }
    long lastOnDisk = found.isEmpty() ? 0 : found.lastKey();
    long lastId = Math.max(Math.max(state.durableId(), frontier), lastOnDisk);
    reportMissing(frontier, lastId, evicted, unsent);
    return new Result(lastId);
  }

  /**
   * The first id above the saved durable id (and the frontier) that is neither found nor evicted:
   * records from there on were never durable.
   */
  private static long firstGapAboveDurable(
      NavigableMap<Long, Lane.Found> found, long durableId, long frontier, EvictedRanges evicted) {
    long id = Math.max(durableId, frontier) + 1;
    while (found.containsKey(id) || evicted.covers(id)) {
      id++;
    }
    return found.isEmpty() || found.lastKey() < id ? Long.MAX_VALUE : id;
  }

  /** Truncates every lane before its first record at or above {@code cutoff}. */
  private void discardFrom(
      long cutoff, NavigableMap<Long, Lane.Found> found, Map<RecordClass, Lane> lanes)
      throws IOException {
    if (cutoff == Long.MAX_VALUE) {
      return;
    }
    SortedMap<Long, Lane.Found> discarded = found.tailMap(cutoff, true);
    LOG.warn(
        "journal recovery: {} records (ids {}..{}) were written after the last commit before the"
            + " power went, behind the lost id {}; never durable and never sent, they are discarded"
            + " so that ids stay dense",
        discarded.size(),
        discarded.firstKey(),
        discarded.lastKey(),
        cutoff);
    for (Lane lane : lanes.values()) {
      for (Lane.Found record : discarded.values()) {
        if (record.record().recordClass() == lane.recordClass) {
          lane.truncate(record.segment(), record.position());
          break;
        }
      }
    }
    discarded.clear();
    for (Lane lane : lanes.values()) {
      for (Segment segment : lane.segments) {
        segment.lastId = segment.firstId - 1;
      }
    }
  }

  /**
   * Ids are handed out one by one across both lanes, so every id between the sent frontier and the
   * last durable id must be on disk unless the journal evicted it itself.
   */
  private void reportMissing(
      long frontier, long lastId, EvictedRanges evicted, UnsentIndex unsent) {
    long runStart = -1;
    for (long id = frontier + 1; id <= lastId + 1; id++) {
      boolean missing = id <= lastId && !unsent.isUnsent(id) && !evicted.covers(id);
      if (missing && runStart < 0) {
        runStart = id;
      } else if (!missing && runStart >= 0) {
        damaged(
            "records "
                + runStart
                + ".."
                + (id - 1)
                + " were written but are missing (damaged or truncated journal files)");
        runStart = -1;
      }
    }
  }

  private void damaged(String problem) {
    LOG.warn("journal recovery: {}", problem);
    listener.damaged(problem);
  }
}
