package org.rehabtelemetry.runtime.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** {@link FileLayer} on the real file system (NIO {@link FileChannel}s). Thread-safe. */
public final class NioFileLayer implements FileLayer {
  @Override
  public void createDirectories(Path dir) throws IOException {
    DurableFiles.createDirectories(dir);
  }

  @Override
  public List<Path> list(Path dir, String suffix) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*" + suffix)) {
      stream.forEach(files::add);
    }
    files.sort(null);
    return files;
  }

  @Override
  public boolean exists(Path file) {
    return Files.exists(file);
  }

  @Override
  public Channel open(Path file) throws IOException {
    return wrap(
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE));
  }

  @Override
  public Channel openForReading(Path file) throws IOException {
    return wrap(FileChannel.open(file, StandardOpenOption.READ));
  }

  private static Channel wrap(FileChannel channel) {
    return new Channel() {
      @Override
      public void write(ByteBuffer source, long position) throws IOException {
        long at = position;
        while (source.hasRemaining()) {
          at += channel.write(source, at);
        }
      }

      @Override
      public int read(ByteBuffer target, long position) throws IOException {
        return channel.read(target, position);
      }

      @Override
      public void force() throws IOException {
        channel.force(false);
      }

      @Override
      public void truncate(long size) throws IOException {
        channel.truncate(size);
      }

      @Override
      public long size() throws IOException {
        return channel.size();
      }

      @Override
      public boolean isOpen() {
        return channel.isOpen();
      }

      @Override
      public void close() {
        try {
          channel.close();
        } catch (IOException e) {
          // Closing after force() cannot lose data that force() secured.
        }
      }
    };
  }

  @Override
  public byte[] readAll(Path file) throws IOException {
    return Files.readAllBytes(file);
  }

  @Override
  public void replace(Path file, byte[] content) throws IOException {
    DurableFiles.replace(file, content);
  }

  @Override
  public void delete(Path file) throws IOException {
    Files.deleteIfExists(file);
  }

  @Override
  public void fsyncDirectory(Path dir) throws IOException {
    DurableFiles.fsyncDirectory(dir);
  }
}
