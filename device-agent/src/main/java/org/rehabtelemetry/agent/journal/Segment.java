package org.rehabtelemetry.agent.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.rehabtelemetry.runtime.files.FileLayer;

/**
 * One segment file of a lane: records with increasing ids, appended at its end. Its channel stays
 * open from creation until a commit has forced it ({@link #takeUnsynced}, then {@link
 * #releaseIfSynced}), so no record can be left unsynced when the lane rolls to the next segment.
 * Not thread-safe; the journal locks.
 */
final class Segment {
  final Path path;
  final long firstId;

  /**
   * When the newest record was appended (epoch ms of the journal's clock): the segment is as old as
   * its newest record. For a segment recovered at start, when the journal was opened.
   */
  long lastAppendMillis;

  long lastId;
  long size;
  private final FileLayer files;
  private FileLayer.Channel channel;
  private boolean unsynced;

  Segment(FileLayer files, Path path, long firstId, long lastAppendMillis) {
    this.files = files;
    this.path = path;
    this.firstId = firstId;
    this.lastAppendMillis = lastAppendMillis;
    this.lastId = firstId - 1;
  }

  static Path fileFor(Path dir, long firstId) {
    return dir.resolve(String.format("%020d.seg", firstId));
  }

  static long firstIdOf(Path file) {
    String name = file.getFileName().toString();
    return Long.parseLong(name.substring(0, name.length() - ".seg".length()));
  }

  private FileLayer.Channel channel() throws IOException {
    if (channel == null || !channel.isOpen()) {
      channel = files.open(path);
    }
    return channel;
  }

  /** Appends at the end; returns the record's position. The bytes are not durable yet. */
  long append(ByteBuffer record) throws IOException {
    long position = size;
    int length = record.remaining();
    channel().write(record, position);
    size += length;
    unsynced = true;
    return position;
  }

  byte[] read(long position, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    FileLayer.Channel in = channel();
    while (buffer.hasRemaining()) {
      if (in.read(buffer, position + buffer.position()) < 0) {
        throw new IOException(path + " ended before offset " + (position + length));
      }
    }
    return buffer.array();
  }

  /**
   * The channel to force for what was appended since the last commit, or null when nothing was;
   * clears the mark (a failed force must call {@link #markUnsynced()}).
   */
  FileLayer.Channel takeUnsynced() throws IOException {
    if (!unsynced) {
      return null;
    }
    unsynced = false;
    return channel();
  }

  /** A force of this segment failed: the next commit forces it again. */
  void markUnsynced() {
    unsynced = true;
  }

  /** Closes the channel if nothing waits to be forced (a later read reopens it). */
  void releaseIfSynced() {
    if (!unsynced) {
      close();
    }
  }

  void close() {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }

  /** Deletes the file; the caller fsyncs the directory. */
  void delete() throws IOException {
    close();
    files.delete(path);
  }
}
