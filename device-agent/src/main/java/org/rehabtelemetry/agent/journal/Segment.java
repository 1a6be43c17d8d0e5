package org.rehabtelemetry.agent.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** One segment file of a lane: records with increasing ids. Not thread-safe; the journal locks. */
final class Segment {
  final Path path;
  final long firstId;

  /** When the newest record was appended: the segment is as old as its newest record. */
  long lastAppendMillis;

  long lastId;
  long size;
  private FileChannel channel;

  Segment(Path path, long firstId, long lastAppendMillis) {
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

  FileChannel channel() throws IOException {
    if (channel == null || !channel.isOpen()) {
      channel =
          FileChannel.open(
              path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }
    return channel;
  }

  /** Appends at the end; returns the record's position. */
  long append(ByteBuffer record) throws IOException {
    FileChannel out = channel();
    long position = size;
    int length = record.remaining();
    while (record.hasRemaining()) {
      out.write(record, position + (length - record.remaining()));
    }
    size += length;
    return position;
  }

  byte[] read(long position, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    FileChannel in = channel();
    while (buffer.hasRemaining()) {
      if (in.read(buffer, position + buffer.position()) < 0) {
        throw new IOException(path + " ended before offset " + (position + length));
      }
    }
    return buffer.array();
  }

  void force() throws IOException {
    if (channel != null && channel.isOpen()) {
      channel.force(false);
    }
  }

  void close() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // Closing a read-mostly file cannot lose data that force() has not already secured.
      }
    }
  }

  void delete() throws IOException {
    close();
    Files.deleteIfExists(path);
  }
}
