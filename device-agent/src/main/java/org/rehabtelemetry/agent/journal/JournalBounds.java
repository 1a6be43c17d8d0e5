package org.rehabtelemetry.agent.journal;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the journal within its size and age bounds, and deletes what is no longer needed:
 *
 * <ul>
 *   <li>size: past {@code maxBytes} the oldest samples segment goes first, an events segment only
 *       when no samples segment is left;
 *   <li>age: a segment whose newest record is older than {@code maxAge} goes;
 *   <li>garbage: a segment entirely at or below the saved sent frontier is deleted (the saved one,
 *       so a recovery never finds a sent record missing).
 * </ul>
 *
 * The first two are evictions, reported with what they cost; the third loses nothing. Not
 * thread-safe; the journal locks.
 */
final class JournalBounds {
  private static final Logger LOG = LoggerFactory.getLogger(JournalBounds.class);

  /** Drops a lane's oldest segment, reporting the loss. */
  @FunctionalInterface
  interface Evictor {
    void evictOldest(Lane lane, String reason);
  }

  private final JournalConfig config;
  private final Clock clock;
  private final Map<RecordClass, Lane> lanes;
  private final Evictor evictor;

  JournalBounds(JournalConfig config, Clock clock, Map<RecordClass, Lane> lanes, Evictor evictor) {
    this.config = config;
    this.clock = clock;
    this.lanes = lanes;
    this.evictor = evictor;
  }

  /** Evicts until the lanes hold at most {@code maxBytes}; {@code lastId} names the next roll. */
  void enforceSize(long lastId) {
    long total = 0;
    for (Lane lane : lanes.values()) {
      total += lane.bytes();
    }
    while (total > config.maxBytes()) {
      Lane lane = evictableLane(lastId);
      if (lane == null) {
        return;
      }
      total -= lane.segments.get(0).size;
      evictor.evictOldest(lane, "size limit " + config.maxBytes() + " bytes reached");
    }
  }

  /** Evicts segments whose newest record is older than {@code maxAge}, never an active one. */
  void enforceAge() {
    long oldestAllowed = clock.millis() - config.maxAge().toMillis();
    for (Lane lane : lanes.values()) {
      while (lane.segments.size() > 1 && lane.segments.get(0).lastAppendMillis < oldestAllowed) {
        evictor.evictOldest(lane, "older than " + config.maxAge());
      }
    }
  }

  /** Deletes segments, other than the active ones, whose records are all at or below frontier. */
  void collectGarbage(long frontier) {
    for (Lane lane : lanes.values()) {
      while (lane.segments.size() > 1 && lane.segments.get(0).lastId <= frontier) {
        Segment done = lane.segments.get(0);
        try {
          lane.removeOldest();
        } catch (IOException e) {
          LOG.warn("journal: could not delete sent segment {}: {}", done.path, e.getMessage());
          return;
        }
      }
    }
  }

  /** The samples lane if it has a segment to give, else the events lane, else null. */
  private Lane evictableLane(long lastId) {
    for (RecordClass recordClass : List.of(RecordClass.SAMPLES, RecordClass.EVENT)) {
      Lane lane = lanes.get(recordClass);
      if (lane.segments.size() > 1) {
        return lane;
      }
      if (lane.segments.size() == 1 && lane.segments.get(0).size > 0) {
        lane.roll(lastId + 1, clock.millis());
        return lane;
      }
    }
    return null;
  }
}
