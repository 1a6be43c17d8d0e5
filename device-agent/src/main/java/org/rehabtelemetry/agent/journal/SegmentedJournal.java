package org.rehabtelemetry.agent.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rehabtelemetry.protocol.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only, segmented journal on local disk with group commit, acknowledgement tracking,
 * bounded size and age, and crash recovery.
 *
 * <ul>
 *   <li><b>Lanes.</b> Events (lifecycle, alarms, summaries) and samples go to separate segment
 *       files, so that when a bound is reached samples are evicted first and events only when no
 *       sample segment is left. Every eviction is reported to the {@link JournalListener} with the
 *       ids and how many were unsent.
 *   <li><b>Group commit.</b> Appends go to the operating system at once and are fsynced by the
 *       {@code journal-commit} thread every commit interval, or at once by {@link #commit()}. Only
 *       durable records are handed out by {@link #readUnsent}: nothing is published before it is on
 *       disk.
 *   <li><b>Acknowledgement.</b> {@link #ack} marks a record sent (on PUBACK). The frontier below
 *       which everything is sent is persisted at each commit; after a crash, records above it are
 *       sent again. A re-send is harmless (the gateway writes each sample with a deterministic
 *       identity); a loss is not.
 *   <li><b>Recovery.</b> {@link #open} keeps every record whose CRC and header are valid and whose
 *       id rises, skips damaged bytes, truncates torn tails, and reports what it dropped.
 *   <li><b>Write failures.</b> When a write fails (a full disk), records wait in memory, are handed
 *       out for publishing from there, and are written when the disk works again. Past the memory
 *       bound the oldest waiting samples are dropped, and that is reported as an eviction.
 * </ul>
 *
 * <p>Thread-safe: all state is guarded by this object's lock; fsync runs outside it.
 */
public final class SegmentedJournal implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentedJournal.class);
  private static final String STATE_FILE = "journal-state";
  private static final String EVICTED_FILE = "evicted-ranges";
  private static final long STATE_WRITE_INTERVAL_MILLIS = 10_000;

  private record Location(Segment segment, long position, int size, RecordClass recordClass) {}

  private record Unwritten(long id, RecordClass recordClass, MessageType type, byte[] payload) {}

  private final JournalConfig config;
  private final JournalListener listener;
  private final Clock clock;
  private final DiskFaults faults;
  private final Map<RecordClass, Lane> lanes = new java.util.EnumMap<>(RecordClass.class);
  private final TreeMap<Long, Location> unsent = new TreeMap<>();
  private final TreeMap<Long, JournalRecord> unsentInMemory = new TreeMap<>();
  private final Deque<Unwritten> unwritten = new ArrayDeque<>();
  private long unwrittenBytes;
  private long lastId;
  private long durableId;
  private long writtenId;
  private long persistedFrontier;
  private long persistedDurableId;
  private long stateWrittenMillis;
  private long evictedUnsent;
  private long writeFailures;
  private boolean failing;
  private Thread committer;
  private volatile boolean running;

  private SegmentedJournal(
      JournalConfig config, JournalListener listener, Clock clock, DiskFaults faults) {
    this.config = config;
    this.listener = listener;
    this.clock = clock;
    this.faults = faults;
  }

  /**
   * Opens (and recovers) the journal in {@code config.dir()} and starts the commit thread.
   *
   * @throws UncheckedIOException if the directory cannot be created or read at all
   */
  public static SegmentedJournal open(
      JournalConfig config, JournalListener listener, Clock clock, DiskFaults faults) {
    SegmentedJournal journal = new SegmentedJournal(config, listener, clock, faults);
    try {
      journal.recover();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the journal in " + config.dir(), e);
    }
    journal.startCommitter();
    return journal;
  }

  /** Opens with the system clock and no injected faults. */
  public static SegmentedJournal open(JournalConfig config, JournalListener listener) {
    return open(config, listener, Clock.systemUTC(), DiskFaults.NONE);
  }

  private void recover() throws IOException {
    Files.createDirectories(config.dir());
    readState();
    long maxId = persistedFrontier;
    for (RecordClass recordClass : RecordClass.values()) {
      Lane lane = new Lane(recordClass, config.dir().resolve(recordClass.name().toLowerCase()));
      lanes.put(recordClass, lane);
      lane.recover(
          found -> {
            if (found.record().id() > persistedFrontier) {
              unsent.put(
                  found.record().id(),
                  new Location(found.segment(), found.position(), found.size(), recordClass));
            }
          },
          problem -> {
            LOG.warn("journal recovery: {}", problem);
            listener.damaged(problem);
          });
      for (Segment segment : lane.segments) {
        maxId = Math.max(maxId, segment.lastId);
      }
    }
    reportMissing(maxId);
    lastId = Math.max(maxId, persistedDurableId);
    writtenId = lastId;
    durableId = lastId;
    LOG.info(
        "journal {} opened: {} unsent records, last id {}, sent up to {}",
        config.dir(),
        unsent.size(),
        lastId,
        persistedFrontier);
    collectGarbage();
  }

  /**
   * Appends a record; it becomes durable at the next commit. Never throws for a failing disk: the
   * record then waits in memory (see the class comment).
   *
   * @return the record's id
   */
  public synchronized long append(RecordClass recordClass, MessageType type, byte[] payload) {
    long id = ++lastId;
    if (!unwritten.isEmpty() || !tryWrite(id, recordClass, type, payload)) {
      keepInMemory(new Unwritten(id, recordClass, type, payload));
    }
    enforceSizeBound();
    return id;
  }

  /** The id the next {@link #append} will return. */
  public synchronized long nextId() {
    return lastId + 1;
  }

  /** Makes every appended record durable now. Blocks for the fsync (milliseconds on an SD card). */
  public void commit() {
    commit(false);
  }

  private void commit(boolean closing) {
    List<Segment> toForce;
    long upTo;
    synchronized (this) {
      retryUnwritten();
      upTo = writtenId;
      toForce = new ArrayList<>();
      for (Lane lane : lanes.values()) {
        toForce.addAll(lane.segments);
      }
    }
    try {
      for (Segment segment : toForce) {
        segment.force();
      }
    } catch (IOException e) {
      synchronized (this) {
        noteFailure("fsync failed: " + e.getMessage());
      }
      return;
    }
    synchronized (this) {
      durableId = Math.max(durableId, upTo);
      persistState(closing);
      collectGarbage();
      enforceAgeBound();
      notifyAll();
    }
  }

  /**
   * Up to {@code max} unsent records with ids above {@code afterId}, in id order, that may be
   * published: durable on disk, or waiting in memory while the disk fails.
   */
  public synchronized List<JournalRecord> readUnsent(long afterId, int max) {
    List<JournalRecord> records = new ArrayList<>();
    for (Map.Entry<Long, Location> entry : unsent.tailMap(afterId, false).entrySet()) {
      if (records.size() >= max || entry.getKey() > durableId) {
        return records;
      }
      records.add(read(entry.getKey(), entry.getValue()));
    }
    // Records waiting in memory all have higher ids than any record on disk.
    for (JournalRecord record : unsentInMemory.tailMap(afterId, false).values()) {
      if (records.size() >= max) {
        break;
      }
      records.add(record);
    }
    return records;
  }

  /** Marks a record sent: the broker acknowledged it. Unknown or repeated ids are ignored. */
  public synchronized void ack(long id) {
    unsent.remove(id);
    unsentInMemory.remove(id);
  }

  /** Every id up to this one is sent or evicted. */
  public synchronized long sentFrontier() {
    long firstUnsent = Long.MAX_VALUE;
    if (!unsent.isEmpty()) {
      firstUnsent = unsent.firstKey();
    }
    if (!unsentInMemory.isEmpty()) {
      firstUnsent = Math.min(firstUnsent, unsentInMemory.firstKey());
    }
    return firstUnsent == Long.MAX_VALUE ? lastId : firstUnsent - 1;
  }

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
        unsent.size() + unsentInMemory.size(),
        bytes,
        segments,
        unwritten.size(),
        evictedUnsent,
        writeFailures);
  }

  /** Stops the commit thread, commits, and closes the files. */
  @Override
  public void close() {
    running = false;
    if (committer != null) {
      committer.interrupt();
      try {
        committer.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    commit(true);
    synchronized (this) {
      lanes.values().forEach(Lane::closeAll);
    }
  }

  private void startCommitter() {
    running = true;
    committer =
        new Thread(
            () -> {
              while (running) {
                try {
                  Thread.sleep(config.commitInterval().toMillis());
                } catch (InterruptedException e) {
                  return;
                }
                commit();
              }
            },
            "journal-commit");
    committer.setDaemon(true);
    committer.start();
  }

  private boolean tryWrite(long id, RecordClass recordClass, MessageType type, byte[] payload) {
    Lane lane = lanes.get(recordClass);
    var encoded = RecordCodec.encode(id, recordClass, type, payload);
    try {
      faults.beforeWrite(encoded.remaining());
      Segment segment = lane.active();
      if (segment == null || segment.size >= config.segmentBytes()) {
        segment = lane.roll(id, clock.millis());
      }
      long position = segment.append(encoded);
      segment.lastId = id;
      segment.lastAppendMillis = clock.millis();
      unsent.put(id, new Location(segment, position, encoded.limit(), recordClass));
      writtenId = id;
      if (failing) {
        failing = false;
        LOG.info("journal writes work again");
        listener.writeRecovered();
      }
      return true;
    } catch (IOException e) {
      noteFailure("writing record " + id + " to " + lane.dir + " failed: " + e.getMessage());
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

  private void keepInMemory(Unwritten record) {
    unwritten.addLast(record);
    unwrittenBytes += record.payload().length;
    unsentInMemory.put(
        record.id(),
        new JournalRecord(record.id(), record.recordClass(), record.type(), record.payload()));
    while (unwrittenBytes > config.maxUnwrittenBytes()) {
      Unwritten dropped = dropOldestUnwritten();
      if (dropped == null) {
        break;
      }
      evictedUnsent++;
      recordEvictedRange(dropped.id(), dropped.id());
      listener.evicted(
          dropped.recordClass(),
          dropped.id(),
          dropped.id(),
          1,
          "the disk fails and memory for waiting records ("
              + config.maxUnwrittenBytes()
              + " bytes) is full");
    }
  }

  private Unwritten dropOldestUnwritten() {
    Unwritten victim = null;
    for (Unwritten candidate : unwritten) {
      if (candidate.recordClass() == RecordClass.SAMPLES) {
        victim = candidate;
        break;
      }
    }
    if (victim == null) {
      victim = unwritten.peekFirst();
    }
    if (victim != null) {
      unwritten.remove(victim);
      unwrittenBytes -= victim.payload().length;
      unsentInMemory.remove(victim.id());
    }
    return victim;
  }

  private void retryUnwritten() {
    while (!unwritten.isEmpty()) {
      Unwritten next = unwritten.peekFirst();
      if (!unsentInMemory.containsKey(next.id())) {
        unwritten.removeFirst();
        unwrittenBytes -= next.payload().length;
        continue;
      }
      if (!tryWrite(next.id(), next.recordClass(), next.type(), next.payload())) {
        return;
      }
      unwritten.removeFirst();
      unwrittenBytes -= next.payload().length;
      unsentInMemory.remove(next.id());
    }
  }

  private JournalRecord read(long id, Location location) {
    try {
      byte[] bytes = location.segment().read(location.position(), location.size());
      JournalRecord record = RecordCodec.decode(java.nio.ByteBuffer.wrap(bytes), 0, bytes.length);
      if (record == null || record.id() != id) {
        throw new IOException("record " + id + " in " + location.segment().path + " is damaged");
      }
      return record;
    } catch (IOException e) {
      throw new UncheckedIOException("journal read failed", e);
    }
  }

  private void enforceSizeBound() {
    long total = 0;
    for (Lane lane : lanes.values()) {
      total += lane.bytes();
    }
    while (total > config.maxBytes()) {
      Lane lane = evictableLane();
      if (lane == null) {
        return;
      }
      Segment oldest = lane.segments.get(0);
      total -= oldest.size;
      evict(lane, oldest, "size limit " + config.maxBytes() + " bytes reached");
    }
  }

  /** The samples lane if it has a segment to give, else the events lane, else null. */
  private Lane evictableLane() {
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

  private void enforceAgeBound() {
    long oldestAllowed = clock.millis() - config.maxAge().toMillis();
    for (Lane lane : lanes.values()) {
      while (lane.segments.size() > 1 && lane.segments.get(0).lastAppendMillis < oldestAllowed) {
        evict(lane, lane.segments.get(0), "older than " + config.maxAge());
      }
    }
  }

  private void evict(Lane lane, Segment segment, String reason) {
    long lost = 0;
    for (long id :
        new ArrayList<>(unsent.subMap(segment.firstId, true, segment.lastId, true).keySet())) {
      if (unsent.get(id).segment() == segment) {
        unsent.remove(id);
        lost++;
      }
    }
    lane.segments.remove(segment);
    recordEvictedRange(segment.firstId, segment.lastId);
    try {
      segment.delete();
    } catch (IOException e) {
      LOG.warn("journal: could not delete {}: {}", segment.path, e.getMessage());
    }
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
   * Deletes segments, other than the active ones, whose records are all sent according to the
   * persisted frontier (so a recovery never finds sent records missing).
   */
  private void collectGarbage() {
    long frontier = persistedFrontier;
    for (Lane lane : lanes.values()) {
      while (lane.segments.size() > 1 && lane.segments.get(0).lastId <= frontier) {
        Segment done = lane.segments.remove(0);
        try {
          done.delete();
        } catch (IOException e) {
          LOG.warn("journal: could not delete sent segment {}: {}", done.path, e.getMessage());
        }
      }
    }
  }

  /** Reads the persisted sent frontier and last durable id ("FRONTIER DURABLE"). */
  private void readState() throws IOException {
    Path file = config.dir().resolve(STATE_FILE);
    if (!Files.exists(file)) {
      return;
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
    String[] parts = text.split(" ");
    try {
      persistedFrontier = Long.parseLong(parts[0]);
      persistedDurableId = parts.length > 1 ? Long.parseLong(parts[1]) : persistedFrontier;
    } catch (NumberFormatException e) {
      listener.damaged(STATE_FILE + " holds \"" + text + "\"; every record will be sent again");
    }
  }

  /**
   * Ids are handed out one by one across both lanes, so every id between the sent frontier and the
   * last durable id must be on disk unless the journal evicted it itself. Reports the rest.
   */
  private void reportMissing(long maxId) throws IOException {
    long expectedUpTo = Math.max(maxId, persistedDurableId);
    List<long[]> evicted = readEvictedRanges();
    pruneEvictedRanges(evicted);
    long runStart = -1;
    for (long id = persistedFrontier + 1; id <= expectedUpTo + 1; id++) {
      boolean missing = id <= expectedUpTo && !unsent.containsKey(id) && !covered(evicted, id);
      if (missing && runStart < 0) {
        runStart = id;
      } else if (!missing && runStart >= 0) {
        String problem =
            "records "
                + runStart
                + ".."
                + (id - 1)
                + " were written but are missing (damaged or truncated journal files)";
        LOG.warn("journal recovery: {}", problem);
        listener.damaged(problem);
        runStart = -1;
      }
    }
  }

  private List<long[]> readEvictedRanges() throws IOException {
    Path file = config.dir().resolve(EVICTED_FILE);
    List<long[]> ranges = new ArrayList<>();
    if (!Files.exists(file)) {
      return ranges;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
      String[] parts = line.trim().split(" ");
      if (parts.length == 2) {
        try {
          ranges.add(new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])});
        } catch (NumberFormatException e) {
          // A torn last line of this advisory file only makes a gap reported twice.
        }
      }
    }
    return ranges;
  }

  /** Keeps only eviction ranges above the sent frontier; the rest can no longer matter. */
  private void pruneEvictedRanges(List<long[]> ranges) throws IOException {
    Path file = config.dir().resolve(EVICTED_FILE);
    if (!Files.exists(file)) {
      return;
    }
    StringBuilder kept = new StringBuilder();
    for (long[] range : ranges) {
      if (range[1] > persistedFrontier) {
        kept.append(range[0]).append(' ').append(range[1]).append('\n');
      }
    }
    Path temp = config.dir().resolve(EVICTED_FILE + ".tmp");
    Files.writeString(temp, kept, StandardCharsets.US_ASCII);
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static boolean covered(List<long[]> ranges, long id) {
    for (long[] range : ranges) {
      if (id >= range[0] && id <= range[1]) {
        return true;
      }
    }
    return false;
  }

  private void recordEvictedRange(long firstId, long lastId) {
    try {
      faults.beforeWrite(48);
      Files.writeString(
          config.dir().resolve(EVICTED_FILE),
          firstId + " " + lastId + "\n",
          StandardCharsets.US_ASCII,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      noteFailure("recording an eviction failed: " + e.getMessage());
    }
  }

  /**
   * Saves "FRONTIER DURABLE" at most every 10 s (and on close). Each save is a new file renamed
   * into place, which costs several KB of SD-card writes, so it is rationed: after a crash at most
   * 10 s of acknowledged records are sent again (harmless), and a torn tail shorter than that is
   * recovered as usual but not reported as a loss.
   */
  private void persistState(boolean force) {
    long frontier = Math.min(sentFrontier(), durableId);
    boolean frontierMoved = frontier != persistedFrontier;
    boolean durableMoved = durableId != persistedDurableId;
    long now = clock.millis();
    if (!(frontierMoved || durableMoved)
        || (!force && now - stateWrittenMillis < STATE_WRITE_INTERVAL_MILLIS)) {
      return;
    }
    Path file = config.dir().resolve(STATE_FILE);
    Path temp = config.dir().resolve(STATE_FILE + ".tmp");
    try {
      faults.beforeWrite(48);
      Files.writeString(temp, frontier + " " + durableId + "\n", StandardCharsets.US_ASCII);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      persistedFrontier = frontier;
      persistedDurableId = durableId;
      stateWrittenMillis = now;
    } catch (IOException e) {
      noteFailure("saving the journal state failed: " + e.getMessage());
    }
  }
}
