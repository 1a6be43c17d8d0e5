package org.rehabtelemetry.agent.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.rehabtelemetry.runtime.files.FileLayer;

/**
 * The segment files of one record class, oldest first; the last is the active one. Tracks whether
 * its directory changed (a segment created or deleted) since the last commit, which then fsyncs the
 * directory: a record in a new segment is durable only once the segment's name is. Not thread-safe;
 * the journal locks.
 */
final class Lane {
  final RecordClass recordClass;
  final Path dir;
  final List<Segment> segments = new ArrayList<>();
  private final FileLayer files;
  private boolean directoryChanged;

  /** Where a recovered record lives. */
  record Found(JournalRecord record, Segment segment, long position, int size) {}

  Lane(FileLayer files, RecordClass recordClass, Path dir) {
    this.files = files;
    this.recordClass = recordClass;
    this.dir = dir;
  }

  /**
   * Scans every segment: keeps each valid record whose id is above the previous one, skips and
   * reports damaged bytes, and truncates each file after its last valid record.
   *
   * @param openedMillis the age of each segment counts from this: a segment file does not record
   *     when its newest record was appended, so a restart never evicts a backlog by age (the size
   *     bound still holds, and the age bound again after maxAge). Not the file's mtime: a Pi
   *     without a real-time clock may have written it under a wrong wall clock
   */
  void recover(Consumer<Found> found, Consumer<String> damaged, long openedMillis)
      throws IOException {
    files.createDirectories(dir);
    long previousId = 0;
    for (Path file : files.list(dir, ".seg")) {
      Segment segment = new Segment(files, file, Segment.firstIdOf(file), openedMillis);
      ByteBuffer data = ByteBuffer.wrap(files.readAll(file));
      int end = data.limit();
      int position = 0;
      int lastGoodEnd = 0;
      long skipped = 0;
      long firstSkipAt = -1;
      while (position < end) {
        JournalRecord record = RecordCodec.decode(data, position, end);
        if (record != null && record.id() > previousId) {
          int size = RecordCodec.size(record.payload().length);
          found.accept(new Found(record, segment, position, size));
          previousId = record.id();
          segment.lastId = record.id();
          position += size;
          lastGoodEnd = position;
        } else {
          if (firstSkipAt < 0) {
            firstSkipAt = position;
          }
          skipped++;
          position++;
        }
      }
      long tail = (long) end - lastGoodEnd;
      String name = dir.getFileName() + "/" + file.getFileName();
      if (skipped > tail) {
        damaged.accept(
            name + ": skipped " + (skipped - tail) + " damaged bytes from offset " + firstSkipAt);
      }
      if (tail > 0) {
        damaged.accept(
            name
                + ": truncated "
                + tail
                + " bytes of an incomplete or damaged tail at offset "
                + lastGoodEnd);
        try (FileLayer.Channel channel = files.open(file)) {
          channel.truncate(lastGoodEnd);
          channel.force();
        }
      }
      segment.size = lastGoodEnd;
      if (segment.size == 0 && segment.lastId < segment.firstId) {
        files.delete(file);
        directoryChanged = true;
      } else {
        segments.add(segment);
      }
    }
  }

  /**
   * Cuts the lane at {@code position} of {@code segment}: the segment keeps what lies before it,
   * every later segment of the lane is deleted. Recovery only.
   */
  void truncate(Segment segment, long position) throws IOException {
    int index = segments.indexOf(segment);
    for (int i = segments.size() - 1; i > index; i--) {
      segments.remove(i).delete();
      directoryChanged = true;
    }
    try (FileLayer.Channel channel = files.open(segment.path)) {
      channel.truncate(position);
      channel.force();
    }
    segment.size = position;
    if (position == 0) {
      segments.remove(index);
      segment.delete();
      directoryChanged = true;
    }
  }

  Segment active() {
    return segments.isEmpty() ? null : segments.get(segments.size() - 1);
  }

  /**
   * Starts a new active segment whose first record will be {@code firstId}. The previous one stays
   * open until the next commit has forced it.
   */
  Segment roll(long firstId, long nowMillis) {
    Segment segment = new Segment(files, Segment.fileFor(dir, firstId), firstId, nowMillis);
    segments.add(segment);
    directoryChanged = true;
    return segment;
  }

  /** Removes and deletes the oldest segment; the next commit fsyncs the directory. */
  Segment removeOldest() throws IOException {
    Segment oldest = segments.remove(0);
    directoryChanged = true;
    oldest.delete();
    return oldest;
  }

  /**
   * Under the journal's lock: adds what a commit must force (segments written since the last
   * commit, and this directory if it changed) to {@code batch}, clearing the marks.
   */
  void collect(ForceBatch batch) throws IOException {
    for (Segment segment : segments) {
      FileLayer.Channel channel = segment.takeUnsynced();
      if (channel != null) {
        batch.segments.add(segment);
        batch.channels.add(channel);
      }
    }
    if (directoryChanged) {
      batch.directories.add(dir);
      batch.lanes.add(this);
      directoryChanged = false;
    }
  }

  /** Forces this lane's segments and directory now (recovery, before anything is appended). */
  void force() throws IOException {
    ForceBatch batch = new ForceBatch();
    collect(batch);
    batch.force(files);
  }

  /** A directory fsync failed: the next commit does it again. */
  void markDirectoryChanged() {
    directoryChanged = true;
  }

  /** Under the lock, after a commit: closes the channels of forced segments but the active one. */
  void releaseInactive() {
    Segment active = active();
    for (Segment segment : segments) {
      if (segment != active) {
        segment.releaseIfSynced();
      }
    }
  }

  long bytes() {
    long total = 0;
    for (Segment segment : segments) {
      total += segment.size;
    }
    return total;
  }

  void closeAll() {
    segments.forEach(Segment::close);
  }
}
