package org.rehabtelemetry.testsupport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.rehabtelemetry.runtime.files.FileLayer;

/**
 * A file system in memory that loses, at a {@linkplain #crash power cut}, everything a real one may
 * lose: file content written since the file's last force, and names created, renamed or deleted
 * since their directory's last fsync (ext4 gives no more than this without those calls). What was
 * written but not forced may survive in part (the kernel flushed some pages), so torn tails happen
 * too. Open channels die with the cut. Thread-safe.
 */
public final class CrashableFiles implements FileLayer {
  /** One file: what a reader sees now, and what survives a cut. */
  private static final class Node {
    byte[] content = new byte[0];
    byte[] durable = new byte[0];
  }

  private final Map<Path, Node> current = new HashMap<>();
  private final Map<Path, Node> durable = new HashMap<>();
  private final Set<Path> directories = new HashSet<>();
  private int generation;

  @Override
  public synchronized void createDirectories(Path dir) {
    for (Path p = dir; p != null; p = p.getParent()) {
      directories.add(p);
    }
  }

  @Override
  public synchronized List<Path> list(Path dir, String suffix) {
    List<Path> files = new ArrayList<>();
    for (Path path : current.keySet()) {
      if (dir.equals(path.getParent()) && path.getFileName().toString().endsWith(suffix)) {
        files.add(path);
      }
    }
    files.sort(null);
    return files;
  }

  @Override
  public synchronized boolean exists(Path file) {
    return current.containsKey(file);
  }

  @Override
  public synchronized Channel open(Path file) throws IOException {
    if (!directories.contains(file.getParent())) {
      throw new NoSuchFileException(file.toString());
    }
    Node node = current.computeIfAbsent(file, f -> new Node());
    return new NodeChannel(node, generation);
  }

  @Override
  public synchronized byte[] readAll(Path file) throws IOException {
    Node node = current.get(file);
    if (node == null) {
      throw new NoSuchFileException(file.toString());
    }
    return node.content.clone();
  }

  @Override
  public synchronized void replace(Path file, byte[] content) {
    Node node = new Node();
    node.content = content.clone();
    node.durable = content.clone();
    current.put(file, node);
    durable.put(file, node);
  }

  @Override
  public synchronized void delete(Path file) {
    current.remove(file);
  }

  @Override
  public synchronized void fsyncDirectory(Path dir) {
    durable.keySet().removeIf(path -> dir.equals(path.getParent()));
    for (Map.Entry<Path, Node> entry : current.entrySet()) {
      if (dir.equals(entry.getKey().getParent())) {
        durable.put(entry.getKey(), entry.getValue());
      }
    }
  }

  /**
   * The power cut: names and contents fall back to what was made durable; of what was appended
   * since a file's last force, a random prefix survives when {@code random} says so.
   */
  public synchronized void crash(Random random) {
    generation++;
    current.clear();
    for (Map.Entry<Path, Node> entry : durable.entrySet()) {
      Node node = entry.getValue();
      byte[] survived = node.durable;
      boolean extends_ =
          node.content.length > survived.length
              && Arrays.equals(node.content, 0, survived.length, survived, 0, survived.length);
      if (extends_ && random.nextBoolean()) {
        int extra = random.nextInt(node.content.length - survived.length + 1);
        survived = Arrays.copyOf(node.content, survived.length + extra);
      }
      node.content = survived.clone();
      node.durable = survived.clone();
      current.put(entry.getKey(), node);
    }
  }

  /** The durable content of every file under {@code dir} whose name ends with {@code suffix}. */
  public synchronized List<byte[]> durableContents(Path dir, String suffix) {
    List<byte[]> contents = new ArrayList<>();
    for (Map.Entry<Path, Node> entry : durable.entrySet()) {
      if (entry.getKey().startsWith(dir)
          && entry.getKey().getFileName().toString().endsWith(suffix)) {
        contents.add(entry.getValue().durable.clone());
      }
    }
    return contents;
  }

  private final class NodeChannel implements Channel {
    private final Node node;
    private final int openedIn;
    private boolean open = true;

    NodeChannel(Node node, int openedIn) {
      this.node = node;
      this.openedIn = openedIn;
    }

    private void check() throws IOException {
      if (!open || openedIn != generation) {
        throw new ClosedChannelException();
      }
    }

    @Override
    public void write(ByteBuffer source, long position) throws IOException {
      synchronized (CrashableFiles.this) {
        check();
        int length = source.remaining();
        int end = (int) position + length;
        if (end > node.content.length) {
          node.content = Arrays.copyOf(node.content, end);
        }
        source.get(node.content, (int) position, length);
      }
    }

    @Override
    public int read(ByteBuffer target, long position) throws IOException {
      synchronized (CrashableFiles.this) {
        check();
        if (position >= node.content.length) {
          return -1;
        }
        int length = Math.min(target.remaining(), node.content.length - (int) position);
        target.put(node.content, (int) position, length);
        return length;
      }
    }

    @Override
    public void force() throws IOException {
      synchronized (CrashableFiles.this) {
        check();
        node.durable = node.content.clone();
      }
    }

    @Override
    public void truncate(long size) throws IOException {
      synchronized (CrashableFiles.this) {
        check();
        if (size < node.content.length) {
          node.content = Arrays.copyOf(node.content, (int) size);
        }
      }
    }

    @Override
    public long size() throws IOException {
      synchronized (CrashableFiles.this) {
        check();
        return node.content.length;
      }
    }

    @Override
    public boolean isOpen() {
      synchronized (CrashableFiles.this) {
        return open && openedIn == generation;
      }
    }

    @Override
    public void close() {
      synchronized (CrashableFiles.this) {
        open = false;
      }
    }
  }
}
