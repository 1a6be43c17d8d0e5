package org.rehabtelemetry.agent.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The segment files of one record class, oldest first; the last is the active one. Not thread-safe;
 * the journal locks.
 */
final class Lane {
  final RecordClass recordClass;
  final Path dir;
  final List<Segment> segments = new ArrayList<>();

  /** Where a recovered record lives. */
  record Found(JournalRecord record, Segment segment, long position, int size) {}

  Lane(RecordClass recordClass, Path dir) {
    this.recordClass = recordClass;
    this.dir = dir;
  }

  /**
   * Scans every segment: keeps each valid record whose id is above the previous one, skips and
   * reports damaged bytes, and truncates each file after its last valid record.
   */
  void recover(Consumer<Found> found, Consumer<String> damaged) throws IOException {
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.seg")) {
      stream.forEach(files::add);
    }
    files.sort(null);
    long previousId = 0;
    for (Path file : files) {
      Segment segment =
          new Segment(file, Segment.firstIdOf(file), Files.getLastModifiedTime(file).toMillis());
      ByteBuffer data = readAll(file);
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
      long tail = end - lastGoodEnd;
      if (skipped > tail) {
        damaged.accept(
            dir.getFileName()
                + "/"
                + file.getFileName()
                + ": skipped "
                + (skipped - tail)
                + " damaged bytes from offset "
                + firstSkipAt);
      }
      if (tail > 0) {
        damaged.accept(
            dir.getFileName()
                + "/"
                + file.getFileName()
                + ": truncated "
                + tail
                + " bytes of an incomplete or damaged tail at offset "
                + lastGoodEnd);
        try (FileChannel channel = FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
          channel.truncate(lastGoodEnd);
          channel.force(true);
        }
      }
      segment.size = lastGoodEnd;
      if (segment.size == 0 && segment.lastId < segment.firstId) {
        Files.deleteIfExists(file);
      } else {
        segments.add(segment);
      }
    }
  }

  Segment active() {
    return segments.isEmpty() ? null : segments.get(segments.size() - 1);
  }

  /** Starts a new active segment whose first record will be {@code firstId}. */
  Segment roll(long firstId, long nowMillis) {
    Segment previous = active();
    if (previous != null) {
      previous.close();
    }
    Segment segment = new Segment(Segment.fileFor(dir, firstId), firstId, nowMillis);
    segments.add(segment);
    return segment;
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

  private static ByteBuffer readAll(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file)) {
      long size = channel.size();
      if (size > Integer.MAX_VALUE) {
        throw new IOException(file + " is too large for a segment: " + size + " bytes");
      }
      ByteBuffer data = ByteBuffer.allocate((int) size);
      while (data.hasRemaining() && channel.read(data) >= 0) {
        // keep reading
      }
      data.flip();
      return data;
    }
  }
}
