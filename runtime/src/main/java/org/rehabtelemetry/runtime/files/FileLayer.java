package org.rehabtelemetry.runtime.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * The file operations the device's journal and the alarm logs ({@link MonthlyLog}) need, as a port,
 * so that a test file layer can drop every write that was not fsynced at any instant (the power-cut
 * tests) while production uses the real file system ({@link NioFileLayer}).
 *
 * <p>The durability contract every implementation keeps, as Linux file systems do: data written
 * through a {@link Channel} survives a power cut only after {@link Channel#force()}; a created,
 * renamed or deleted name survives only after {@link #fsyncDirectory} of its directory; {@link
 * #replace} and {@link #createDirectories} are durable when they return. Implementations are
 * thread-safe; a channel is used by one thread at a time (its owner's lock).
 */
public interface FileLayer {
  /** Creates the directory and its parents, durably. */
  void createDirectories(Path dir) throws IOException;

  /** The files in {@code dir} whose names end with {@code suffix}, sorted by name. */
  List<Path> list(Path dir, String suffix) throws IOException;

  boolean exists(Path file);

  /** Opens (creating if absent) a file for reading and writing at positions. */
  Channel open(Path file) throws IOException;

  /**
   * Opens a file that exists for reading only (a read-only file system still reads). The channel
   * refuses writes.
   */
  default Channel openForReading(Path file) throws IOException {
    return open(file);
  }

  /** The whole content of a file. */
  byte[] readAll(Path file) throws IOException;

  /** Replaces a small file's content atomically and durably (temp, fsync, rename, dir fsync). */
  void replace(Path file, byte[] content) throws IOException;

  /** Deletes a file if present; durable only after {@link #fsyncDirectory} of its directory. */
  void delete(Path file) throws IOException;

  /** Makes the creations, renames and deletions in {@code dir} durable. */
  void fsyncDirectory(Path dir) throws IOException;

  /**
   * Appends {@code bytes} to a small file of {@code dir} durably: forced, and the directory fsynced
   * when the file was created. A failure may leave part of the bytes written.
   */
  default void appendDurably(Path dir, Path file, byte[] bytes) throws IOException {
    boolean created = !exists(file);
    try (Channel channel = open(file)) {
      channel.write(ByteBuffer.wrap(bytes), channel.size());
      channel.force();
    }
    if (created) {
      fsyncDirectory(dir);
    }
  }

  /** An open file. */
  interface Channel extends AutoCloseable {
    /** Writes all of {@code source} at {@code position}. */
    void write(ByteBuffer source, long position) throws IOException;

    /** Reads into {@code target} from {@code position}; returns the bytes read, -1 at the end. */
    int read(ByteBuffer target, long position) throws IOException;

    /** Makes what was written durable (fdatasync). */
    void force() throws IOException;

    void truncate(long size) throws IOException;

    long size() throws IOException;

    boolean isOpen();

    @Override
    void close();
  }
}
