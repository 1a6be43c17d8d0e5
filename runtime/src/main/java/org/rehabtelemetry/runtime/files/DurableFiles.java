package org.rehabtelemetry.runtime.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * File operations that survive a power cut. A file written here is either the old or the new
 * version after a crash, never a torn mix, and a created, renamed or deleted name is itself on disk
 * before the call returns:
 *
 * <ul>
 *   <li>{@link #replace}: write a temp file beside the target, fsync it, rename it over the target,
 *       fsync the directory;
 *   <li>{@link #delete} and {@link #createDirectories}: the change, then a directory fsync;
 *   <li>{@link #fsyncDirectory}: on Linux a directory opened read-only can be forced; on systems
 *       that refuse it (some file systems answer EINVAL or EPERM) it is a no-op, reported by {@link
 *       #directorySyncSupported}.
 * </ul>
 *
 * Every call blocks for its fsyncs (milliseconds on an SD card). Stateless and thread-safe for
 * different targets; callers serialise writes to one target.
 */
public final class DurableFiles {
  private static volatile boolean directorySyncSupported = true;

  private DurableFiles() {}

  /**
   * Replaces {@code target}'s content atomically and durably.
   *
   * @throws IOException if any step fails; the target then holds its previous content
   */
  public static void replace(Path target, byte[] content) throws IOException {
    replace(target, content, null);
  }

  /**
   * Replaces {@code target}'s content atomically and durably, the new file created with {@code
   * permissions} (before any byte is written, so a secret is never readable by others, not even for
   * a moment); null keeps the process's umask.
   *
   * @throws IOException if any step fails; the target then holds its previous content
   */
  public static void replace(Path target, byte[] content, Set<PosixFilePermission> permissions)
      throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path temp = dir.resolve(target.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
    FileAttribute<?>[] attributes =
        permissions == null
            ? new FileAttribute<?>[0]
            : new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
    try (FileChannel out =
        FileChannel.open(
            temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
      if (permissions != null) {
        // Created with at most these permissions (the umask can only narrow them); now exactly
        // these, before any byte is written: nobody else reads a secret at any moment, and a
        // strict umask cannot lock out the reader the caller named.
        Files.setPosixFilePermissions(temp, permissions);
      }
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      out.force(true);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    fsyncDirectory(dir);
  }

  /**
   * Appends {@code bytes} to {@code file} (created if absent) and forces them to the device; a file
   * it created is made durable in its directory too. When this returns, the bytes survive a power
   * cut. Blocks for the fsyncs.
   */
  public static void append(Path file, byte[] bytes) throws IOException {
    boolean created = !Files.exists(file);
    try (FileChannel out =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      out.force(false);
    }
    if (created) {
      fsyncDirectory(file.toAbsolutePath().getParent());
    }
  }

  /** Deletes {@code file} if it exists and makes the deletion durable; returns whether it did. */
  public static boolean delete(Path file) throws IOException {
    boolean deleted = Files.deleteIfExists(file);
    if (deleted) {
      fsyncDirectory(file.toAbsolutePath().getParent());
    }
    return deleted;
  }

  /** Creates {@code dir} and its missing parents, each made durable in its own parent. */
  public static Path createDirectories(Path dir) throws IOException {
    Path absolute = dir.toAbsolutePath();
    Path missing = absolute;
    while (missing.getParent() != null && !Files.exists(missing.getParent())) {
      missing = missing.getParent();
    }
    boolean existed = Files.isDirectory(absolute);
    Files.createDirectories(absolute);
    if (!existed) {
      for (Path p = absolute; p != null && p.startsWith(missing); p = p.getParent()) {
        fsyncDirectory(p.getParent());
      }
    }
    return dir;
  }

  /** Forces a directory's entries (creations, renames, deletions) to disk. */
  public static void fsyncDirectory(Path dir) throws IOException {
    if (!directorySyncSupported || dir == null) {
      return;
    }
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      if (isUnsupported(e)) {
        directorySyncSupported = false; // this platform cannot; rename atomicity still holds
        return;
      }
      throw e;
    }
  }

  /** Whether directory fsync works here (false on platforms that refuse to open directories). */
  public static boolean directorySyncSupported() {
    return directorySyncSupported;
  }

  private static boolean isUnsupported(IOException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains("Is a directory")
        || message.contains("Invalid argument")
        || message.contains("Operation not permitted");
  }
}
