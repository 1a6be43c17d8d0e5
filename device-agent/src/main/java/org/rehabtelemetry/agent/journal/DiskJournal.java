package org.rehabtelemetry.agent.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rehabtelemetry.protocol.MessageType;
import org.rehabtelemetry.runtime.files.FileLayer;
import org.rehabtelemetry.runtime.files.NioFileLayer;
import org.rehabtelemetry.runtime.health.Heartbeat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device's journal: two lanes of CRC32C segment files on local disk, with group commit,
 * acknowledgement tracking, bounded size and age, and crash recovery (docs/device-agent.md).
 *
 * <ul>
 *   <li><b>Lanes.</b> Events (lifecycle, alarms, summaries) and samples go to separate segment
 *       files, so that when a bound is reached samples are evicted first ({@link JournalBounds}).
 *   <li><b>Durable means fsynced.</b> Appends go to the operating system at once; a commit (every
 *       commit interval on the {@code journal-commit} thread, or at once by {@link #commit()})
 *       forces every segment written since the last one, including one the lane has rolled away
 *       from, and fsyncs a lane's directory when a segment was created or deleted. Only then are
 *       the records durable and handed out. The fsyncs run outside the lock, so appends never wait
 *       for them; commits are serialised.
 *   <li><b>Acknowledgement.</b> {@link #ack} marks a record sent. The sent frontier is saved with
 *       the durable id ({@link JournalStateFile}); after a crash, records above it are sent again.
 *   <li><b>Recovery</b> ({@link JournalRecovery}) keeps every valid record, truncates torn tails
 *       and reports damage and missing ranges.
 *   <li><b>A failing disk</b> ({@link UnwrittenBuffer}): records wait in memory and are handed out
 *       from there, and are written when the disk works again.
 * </ul>
 *
 * <p>Thread-safe: state is guarded by this object's lock; fsyncs run under {@code commitLock} only.
 */
public final class DiskJournal implements Journal {
  private static final Logger LOG = LoggerFactory.getLogger(DiskJournal.class);

  /** Bytes of an evicted record's message read for its key (see {@link #collectLost}). */
  private static final int KEY_PREFIX_BYTES = 512;

  private final JournalConfig config;
  private final JournalListener listener;
  private final Clock clock;
  private final FileLayer files;
  private final DiskFaults faults;
  private final Map<RecordClass, Lane> lanes = new EnumMap<>(RecordClass.class);
  private final UnsentIndex unsent = new UnsentIndex();
  private final UnwrittenBuffer unwritten;
  private final JournalStateFile state;
  private final EvictedRanges evicted;
  private final LostLedger lostLedger;
  private final JournalBounds bounds;
  private final Object commitLock = new Object();
  private long lastId;
  private long writtenId;
  private long durableId;
  private long evictedUnsent;
  private long writeFailures;
  private boolean failing;
  private GroupCommitter committer;
  private volatile Heartbeat heartbeat = Heartbeat.NONE;

  private DiskJournal(
      JournalConfig config,
      JournalListener listener,
      Clock clock,
      FileLayer files,
      DiskFaults faults) {
    this.config = config;
    this.listener = listener;
    this.clock = clock;
    this.files = files;
    this.faults = faults;
    this.unwritten = new UnwrittenBuffer(config.maxUnwrittenBytes());
    this.state = new JournalStateFile(files, config.dir());
    this.evicted = new EvictedRanges(files, config.dir());
    this.lostLedger = new LostLedger(files, config.dir());
    this.bounds = new JournalBounds(config, clock, lanes, this::evictOldest);
    for (RecordClass recordClass : RecordClass.values()) {
      lanes.put(
          recordClass,
          new Lane(
              files,
              recordClass,
              config.dir().resolve(recordClass.name().toLowerCase(Locale.ROOT))));
    }
  }

  /**
   * Opens (and recovers) the journal in {@code config.dir()} and starts its commit thread.
   *
   * @throws UncheckedIOException if the directory cannot be created or read at all
   */
  public static DiskJournal open(
      JournalConfig config,
      JournalListener listener,
      Clock clock,
      FileLayer files,
      DiskFaults faults) {
    DiskJournal journal = new DiskJournal(config, listener, clock, files, faults);
    try {
      journal.recover();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the journal in " + config.dir(), e);
    }
    journal.committer =
        GroupCommitter.start(
            config.commitInterval(),
            () -> {
              journal.commit();
              journal.heartbeat.beat();
            });
    return journal;
  }

  /** Beaten after every group commit, so {@code /health} and the watchdog see it progress. */
  public void heartbeat(Heartbeat commitHeartbeat) {
    this.heartbeat = commitHeartbeat;
  }

  /** Opens on the real file system. */
  public static DiskJournal open(
      JournalConfig config, JournalListener listener, Clock clock, DiskFaults faults) {
    return open(config, listener, clock, new NioFileLayer(), faults);
  }

  /** Opens on the real file system with the system clock and no injected faults. */
  public static DiskJournal open(JournalConfig config, JournalListener listener) {
    return open(config, listener, Clock.systemUTC(), new NioFileLayer(), DiskFaults.NONE);
  }

  private synchronized void recover() throws IOException {
    JournalRecovery.Result recovered =
        new JournalRecovery(files, config.dir(), listener, clock.millis())
            .run(lanes, state, evicted, unsent);
    try {
      lostLedger.read();
    } catch (IOException e) {
      LOG.warn(
          "journal: cannot read {} ({}); evictions before now are not answered as lost",
          LostLedger.NAME,
          e.toString());
    }
    lastId = recovered.lastId();
    writtenId = lastId;
    durableId = lastId;
    LOG.info(
        "journal {} opened: {} unsent records, last id {}, sent up to {}",
        config.dir(),
        unsent.size(),
        lastId,
        state.frontier());
    bounds.collectGarbage(state.frontier());
  }

  @Override
  public synchronized long append(RecordClass recordClass, MessageType type, byte[] payload) {
    long id = ++lastId;
    JournalRecord record = new JournalRecord(id, recordClass, type, payload);
    if (!unwritten.isEmpty() || !tryWrite(record)) {
      keepInMemory(record);
    }
    bounds.enforceSize(lastId);
    return id;
  }

  @Override
  public synchronized long nextId() {
    return lastId + 1;
  }

  @Override
  public void commit() {
    commit(false);
  }

  private void commit(boolean closing) {
    synchronized (commitLock) {
      ForceBatch batch = new ForceBatch();
      long upTo;
      synchronized (this) {
        retryUnwritten();
        upTo = writtenId;
        try {
          for (Lane lane : lanes.values()) {
            lane.collect(batch);
          }
        } catch (IOException e) {
          batch.restore();
          noteFailure("opening a segment to fsync failed: " + e.getMessage());
          return;
        }
      }
      try {
        faults.beforeFsync();
        batch.force(files);
      } catch (IOException e) {
        synchronized (this) {
          batch.restore();
          noteFailure("fsync failed: " + e.getMessage());
        }
        return;
      }
      synchronized (this) {
        durableId = Math.max(durableId, upTo);
        lanes.values().forEach(Lane::releaseInactive);
        saveState(closing);
        bounds.collectGarbage(state.frontier());
        bounds.enforceAge();
        notifyAll();
      }
    }
  }

  @Override
  public synchronized List<JournalRecord> readUnsent(long afterId, int max) {
    List<JournalRecord> records = new ArrayList<>();
    for (var entry : unsent.onDiskAfter(afterId, max)) {
      if (entry.getKey() > durableId) {
        return records;
      }
      records.add(read(entry.getKey(), entry.getValue()));
    }
    // Records waiting in memory all have higher ids than any record on disk.
    for (JournalRecord record : unsent.inMemoryAfter(afterId)) {
      if (records.size() >= max) {
        break;
      }
      records.add(record);
    }
    return records;
  }

  @Override
  public synchronized List<JournalRecord> readUnsent(RecordClass lane, long afterId, int max) {
    List<JournalRecord> records = new ArrayList<>();
    for (var entry : unsent.onDiskAfter(lane, afterId).entrySet()) {
      if (records.size() >= max || entry.getKey() > durableId) {
        return records;
      }
      records.add(read(entry.getKey(), entry.getValue()));
    }
    for (JournalRecord record : unsent.inMemoryAfter(afterId)) {
      if (records.size() >= max) {
        break;
      }
      if (record.recordClass() == lane) {
        records.add(record);
      }
    }
    return records;
  }

  @Override
  public synchronized void ack(long id) {
    unsent.remove(id);
  }

  @Override
  public synchronized long sentFrontier() {
    long first = unsent.firstUnsent();
    return first == Long.MAX_VALUE ? lastId : first - 1;
  }

  @Override
  public synchronized JournalStats stats() {
    long bytes = 0;
    int segments = 0;
    for (Lane lane : lanes.values()) {
      bytes += lane.bytes();
      segments += lane.segments.size();
    }
    return new JournalStats(
        lastId,
        durableId,
        sentFrontier(),
        unsent.size(),
        bytes,
        segments,
        unwritten.size(),
        evictedUnsent,
        writeFailures);
  }

  @Override
  public synchronized List<LostSeqs> lostOf(String sessionId) {
    return lostLedger.of(sessionId);
  }

  @Override
  public void close() {
    if (committer != null) {
      committer.stop();
    }
    commit(true);
    synchronized (this) {
      lanes.values().forEach(Lane::closeAll);
    }
  }

  /**
   * Stops the commit thread without committing or closing anything, as a process that dies does.
   * For the power-cut test.
   */
  void halt() {
    if (committer != null) {
      committer.stop();
    }
  }

  private boolean tryWrite(JournalRecord record) {
    Lane lane = lanes.get(record.recordClass());
    ByteBuffer encoded =
        RecordCodec.encode(record.id(), record.recordClass(), record.type(), record.payload());
    try {
      faults.beforeWrite(encoded.remaining());
      Segment segment = lane.active();
      if (segment == null || segment.size >= config.segmentBytes()) {
        segment = lane.roll(record.id(), clock.millis());
      }
      long position = segment.append(encoded);
      segment.lastId = record.id();
      segment.lastAppendMillis = clock.millis();
      unsent.onDisk(
          record.id(),
          new UnsentIndex.Location(segment, position, encoded.limit(), record.recordClass()));
      writtenId = record.id();
      if (failing) {
        failing = false;
        LOG.info("journal writes work again");
        listener.writeRecovered();
      }
      return true;
    } catch (IOException e) {
      noteFailure(
          "writing record " + record.id() + " to " + lane.dir + " failed: " + e.getMessage());
      return false;
    }
  }

  private void noteFailure(String problem) {
    writeFailures++;
    if (!failing) {
      failing = true;
      LOG.error("journal: {}; records wait in memory and writing is retried", problem);
      listener.writeFailed(problem);
    }
  }

  private void keepInMemory(JournalRecord record) {
    unwritten.add(record);
    unsent.inMemory(record);
    while (unwritten.overBound()) {
      JournalRecord dropped = unwritten.dropVictim();
      if (dropped == null) {
        break;
      }
      if (!unsent.isInMemory(dropped.id())) {
        continue; // sent from memory meanwhile: dropping it loses nothing
      }
      unsent.remove(dropped.id());
      evictedUnsent++;
      recordEvictedRange(dropped.id(), dropped.id());
      String reason =
          "the disk fails and memory for waiting records ("
              + unwritten.maxBytes()
              + " bytes) is full";
      LostSeqsCollector collector = new LostSeqsCollector();
      collector.add(dropped.payload());
      recordLost(collector, reason);
      listener.evicted(dropped.recordClass(), dropped.id(), dropped.id(), 1, reason);
    }
  }

  private void retryUnwritten() {
    while (!unwritten.isEmpty()) {
      JournalRecord next = unwritten.oldest();
      if (!unsent.isInMemory(next.id())) {
        unwritten.removeOldest(); // sent from memory meanwhile
        continue;
      }
      if (!tryWrite(next)) {
        return;
      }
      unwritten.removeOldest();
    }
  }

  private JournalRecord read(long id, UnsentIndex.Location location) {
    try {
      byte[] bytes = location.segment().read(location.position(), location.size());
      JournalRecord record = RecordCodec.decode(ByteBuffer.wrap(bytes), 0, bytes.length);
      if (record == null || record.id() != id) {
        throw new IOException("record " + id + " in " + location.segment().path + " is damaged");
      }
      return record;
    } catch (IOException e) {
      throw new UncheckedIOException("journal read failed", e);
    }
  }

  /** Drops a lane's oldest segment to keep within a bound, reporting its unsent records. */
  private void evictOldest(Lane lane, String reason) {
    Segment segment = lane.segments.get(0);
    var removed = unsent.removeSegment(lane.recordClass, segment);
    long lost = removed.size();
    LostSeqsCollector collector = new LostSeqsCollector();
    removed.forEach((id, location) -> collectLost(collector, id, location));
    recordLost(collector, reason);
    try {
      lane.removeOldest();
    } catch (IOException e) {
      LOG.warn("journal: could not delete {}: {}", segment.path, e.getMessage());
    }
    recordEvictedRange(segment.firstId, segment.lastId);
    if (lost > 0) {
      evictedUnsent += lost;
      LOG.warn(
          "journal: evicted {} unsent {} records (ids {}..{}): {}",
          lost,
          lane.recordClass,
          segment.firstId,
          segment.lastId,
          reason);
    }
    listener.evicted(lane.recordClass, segment.firstId, segment.lastId, lost, reason);
  }

  /**
   * Reads the start of an evicted record's message for the ledger: the key comes right after the
   * envelope, so {@value #KEY_PREFIX_BYTES} bytes hold it, and an eviction under the lock reads
   * about an eighth of a segment of 4 KB records rather than all of it. The prefix is not checked
   * against the record's CRC (that needs the whole record); a record recovery found damaged was
   * already truncated away. An unreadable one is left out of the ledger: its seq stays an
   * unexplained gap.
   */
  private void collectLost(LostSeqsCollector collector, long id, UnsentIndex.Location location) {
    int payload = location.size() - RecordCodec.HEADER - RecordCodec.TRAILER;
    try {
      collector.add(
          location
              .segment()
              .read(location.position() + RecordCodec.HEADER, Math.min(payload, KEY_PREFIX_BYTES)));
    } catch (IOException e) {
      LOG.warn("journal: evicted record {} unreadable, not in {}: {}", id, LostLedger.NAME, e);
    }
  }

  private void recordLost(LostSeqsCollector collector, String reason) {
    if (collector.isEmpty()) {
      return;
    }
    try {
      faults.beforeWrite(256);
      // Milliseconds, as the ledger keeps them: an answer after a restart names the same time.
      lostLedger.record(collector.build(clock.instant().truncatedTo(ChronoUnit.MILLIS), reason));
    } catch (IOException e) {
      noteFailure("recording lost seqs failed: " + e.getMessage());
    }
  }

  private void recordEvictedRange(long first, long last) {
    try {
      faults.beforeWrite(48);
      evicted.record(first, last);
    } catch (IOException e) {
      noteFailure("recording an eviction failed: " + e.getMessage());
    }
  }

  private void saveState(boolean force) {
    try {
      faults.beforeWrite(48);
      state.save(Math.min(sentFrontier(), durableId), durableId, clock.millis(), force);
    } catch (IOException e) {
      noteFailure("saving the journal state failed: " + e.getMessage());
    }
  }
}
