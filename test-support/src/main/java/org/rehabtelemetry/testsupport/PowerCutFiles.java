package org.rehabtelemetry.testsupport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.rehabtelemetry.runtime.files.FileLayer;

/**
 * A {@link FileLayer} over {@link CrashableFiles} that cuts the power at one chosen file operation:
 * every call, and every call on an open channel, counts as one; the one numbered {@code cutAt}
 * crashes the files ({@link CrashableFiles#crash}) instead of running, and it and every later call
 * fail with an {@link IOException}, as a process whose machine lost power would never see them
 * return. A test then "reboots" by opening its code again on the same {@link CrashableFiles}
 * through a new layer. Thread-safe.
 */
public final class PowerCutFiles implements FileLayer {
  private final CrashableFiles files;
  private final long cutAt;
  private final Random random;
  private long operations;
  private boolean cut;

  /**
   * @param cutAt the number of the operation that cuts the power (0 is the first); negative never
   * @param random decides how much of what was not forced survives the cut
   */
  public PowerCutFiles(CrashableFiles files, long cutAt, Random random) {
    this.files = files;
    this.cutAt = cutAt;
    this.random = random;
  }

  /** Whether the power was cut. */
  public synchronized boolean isCut() {
    return cut;
  }

  /** Operations run (not counting the one that cut). */
  public synchronized long operations() {
    return operations;
  }

  private synchronized void step() throws IOException {
    if (cut) {
      throw new IOException("the power is off");
    }
    if (operations == cutAt) {
      cut = true;
      files.crash(random);
      throw new IOException("power cut at file operation " + cutAt);
    }
    operations++;
  }

  @Override
  public void createDirectories(Path dir) throws IOException {
    step();
    files.createDirectories(dir);
  }

  @Override
  public List<Path> list(Path dir, String suffix) throws IOException {
    step();
    return files.list(dir, suffix);
  }

  @Override
  public boolean exists(Path file) {
    try {
      step();
    } catch (IOException e) {
      return false; // a dead process learns nothing more; its next write fails
    }
    return files.exists(file);
  }

  @Override
  public Channel open(Path file) throws IOException {
    step();
    return counted(files.open(file));
  }

  @Override
  public Channel openForReading(Path file) throws IOException {
    step();
    return counted(files.openForReading(file));
  }

  private Channel counted(Channel channel) {
    return new Channel() {
      @Override
      public void write(ByteBuffer source, long position) throws IOException {
        step();
        channel.write(source, position);
      }

      @Override
      public int read(ByteBuffer target, long position) throws IOException {
        step();
        return channel.read(target, position);
      }

      @Override
      public void force() throws IOException {
        step();
        channel.force();
      }

      @Override
      public void truncate(long size) throws IOException {
        step();
        channel.truncate(size);
      }

      @Override
      public long size() throws IOException {
        step();
        return channel.size();
      }

      @Override
      public boolean isOpen() {
        return channel.isOpen();
      }

      @Override
      public void close() {
        channel.close();
      }
    };
  }

  @Override
  public byte[] readAll(Path file) throws IOException {
    step();
    return files.readAll(file);
  }

  @Override
  public void replace(Path file, byte[] content) throws IOException {
    step();
    files.replace(file, content);
  }

  @Override
  public void delete(Path file) throws IOException {
    step();
    files.delete(file);
  }

  @Override
  public void fsyncDirectory(Path dir) throws IOException {
    step();
    files.fsyncDirectory(dir);
  }
}
