package org.rehabtelemetry.runtime.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One process per state directory: an exclusive lock on {@code DIR/.lock}, taken before anything in
 * the directory is read or written, held until {@link #close()} or the process ends (the operating
 * system releases it on a crash, so a stale lock never blocks a restart). The file holds the
 * owner's process id, for the message a second instance prints.
 *
 * <p>Within one JVM the lock is also kept in a set of held directories, checked before any channel
 * is opened: on Linux, closing any channel to a file releases every lock this process holds on it,
 * so a refused second attempt in the same process must never open (and close) the lock file, or it
 * would silently release the first owner's lock. Thread-safe.
 */
public final class DirectoryLock implements AutoCloseable {
  /** The lock file's name inside the directory. */
  public static final String FILE = ".lock";

  /** The directories this JVM holds, by real path. */
  private static final java.util.Set<Path> HELD =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  private final Path file;
  private final Path key;
  private final FileChannel channel;
  private final FileLock lock;

  private DirectoryLock(Path file, Path key, FileChannel channel, FileLock lock) {
    this.file = file;
    this.key = key;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock, creating the directory if needed. Does not block.
   *
   * @param what names the owner in messages, e.g. {@code the device agent}
   * @throws LockedException if another process (or this one) holds it, naming the directory and,
   *     when known, the holder's process id
   * @throws IOException if the directory or the lock file cannot be created
   */
  public static DirectoryLock acquire(Path dir, String what) throws IOException {
    DurableFiles.createDirectories(dir);
    Path file = dir.resolve(FILE);
    Path key = dir.toRealPath();
    if (!HELD.add(key)) {
      // Held in this JVM: never open the file (reading it would release that lock too).
      throw locked(dir, what, Long.toString(ProcessHandle.current().pid()));
    }
    FileChannel channel;
    FileLock lock;
    try {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
    } catch (IOException | RuntimeException e) {
      HELD.remove(key);
      throw e;
    }
    if (lock == null) {
      LockedException locked = locked(dir, what, holder(file)); // another process holds it
      channel.close(); // this process holds no lock on the file: nothing else is released
      HELD.remove(key);
      throw locked;
    }
    channel.truncate(0);
    channel.write(
        java.nio.ByteBuffer.wrap(
            (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
        0);
    channel.force(false);
    return new DirectoryLock(file, key, channel, lock);
  }

  private static LockedException locked(Path dir, String what, String holder) {
    return new LockedException(
        "the state directory "
            + dir.toAbsolutePath()
            + " is in use by another instance of "
            + what
            + (holder.isEmpty() ? "" : " (process " + holder + ")")
            + "; stop it first, or give this instance its own stateDir. Nothing was changed.");
  }

  /** The lock file. */
  public Path file() {
    return file;
  }

  @Override
  public synchronized void close() {
    if (!channel.isOpen()) {
      return;
    }
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // Closing the channel releases the lock in any case.
    } finally {
      HELD.remove(key);
    }
  }

  private static String holder(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
      return text.matches("[0-9]{1,10}") ? text : "";
    } catch (IOException e) {
      return "";
    }
  }

  /** Another process holds the directory. */
  public static final class LockedException extends IOException {
    private static final long serialVersionUID = 1L;

    LockedException(String message) {
      super(message);
    }
  }
}
