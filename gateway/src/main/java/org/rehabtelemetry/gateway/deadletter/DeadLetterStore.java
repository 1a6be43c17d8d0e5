package org.rehabtelemetry.gateway.deadletter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rehabtelemetry.runtime.files.DurableFiles;

/**
 * Messages that could not be stored, kept with their reason and raw payload so nothing is dropped
 * silently: one JSON line each in {@code dead-letters-YYYY-MM-DD.jsonl}, fsynced (and a new day's
 * file's name with its directory) before the message is acknowledged.
 *
 * <p>Bounded: past {@code maxBytes} or older than {@code maxAge}, whole day files are deleted,
 * oldest first, and what they held is counted ({@link #removedByRetention()}), never hidden. The
 * dashboard sees a summary (time, topic, reason, size; the most recent 100 and counts by reason),
 * never the payloads. Thread-safe.
 */
public final class DeadLetterStore {
  /** One dead letter as the dashboard lists it: no payload. */
  public record Summary(Instant receivedAt, String topic, String reason, int bytes) {}

  private static final int RECENT = 100;
  private static final int REASONS = 50;
  private static final String PREFIX = "dead-letters-";
  private static final String SUFFIX = ".jsonl";

  private final Path dir;
  private final Clock clock;
  private final long maxBytes;
  private final Duration maxAge;
  private final ObjectMapper json = new ObjectMapper();
  private final Deque<Summary> recent = new ArrayDeque<>();
  private final Map<String, Long> byReason = new LinkedHashMap<>();
  private long count;
  private long removed;
  private long bytesOnDisk;

  /**
   * @param maxBytes the dead letters kept on disk at most
   * @param maxAge day files older than this are deleted
   */
  public DeadLetterStore(Path dir, Clock clock, long maxBytes, Duration maxAge) {
    this.dir = dir;
    this.clock = clock;
    this.maxBytes = maxBytes;
    this.maxAge = maxAge;
    try {
      DurableFiles.createDirectories(dir);
      bytesOnDisk = files().stream().mapToLong(DeadLetterStore::size).sum();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use the dead-letter directory " + dir, e);
    }
  }

  /**
   * Stores a dead letter durably, then applies retention.
   *
   * @throws UncheckedIOException if it cannot be written; the caller must then not acknowledge
   */
  public synchronized void store(String topic, byte[] payload, String reason) {
    Instant now = clock.instant();
    ObjectNode line = json.createObjectNode();
    line.put("receivedAt", now.toString());
    line.put("topic", topic);
    line.put("reason", reason);
    line.put("bytes", payload.length);
    line.put("payloadBase64", Base64.getEncoder().encodeToString(payload));
    Path file = dir.resolve(PREFIX + LocalDate.ofInstant(now, ZoneOffset.UTC) + SUFFIX);
    byte[] bytes;
    try {
      bytes = (json.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
      DurableFiles.append(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store a dead letter in " + file, e);
    }
    count++;
    bytesOnDisk += bytes.length;
    recent.addFirst(new Summary(now, topic, reason, payload.length));
    while (recent.size() > RECENT) {
      recent.removeLast();
    }
    String kind = reasonKind(reason);
    if (byReason.containsKey(kind) || byReason.size() < REASONS) {
      byReason.merge(kind, 1L, Long::sum);
    } else {
      byReason.merge("(other reasons)", 1L, Long::sum);
    }
    applyRetention(file);
  }

  /** Dead letters stored since start. */
  public synchronized long count() {
    return count;
  }

  /** Dead letters deleted by retention since start. */
  public synchronized long removedByRetention() {
    return removed;
  }

  /** Bytes of dead letters on disk now. */
  public synchronized long bytesOnDisk() {
    return bytesOnDisk;
  }

  /** The most recent dead letters, newest first, without payloads. */
  public synchronized List<Summary> recent() {
    return new ArrayList<>(recent);
  }

  /** How many dead letters since start per kind of reason (the reason up to its first ':'). */
  public synchronized Map<String, Long> byReason() {
    return new LinkedHashMap<>(byReason);
  }

  private void applyRetention(Path current) {
    try {
      LocalDate oldestKept = LocalDate.ofInstant(clock.instant().minus(maxAge), ZoneOffset.UTC);
      for (Path file : files()) {
        boolean tooOld = dateOf(file).isBefore(oldestKept);
        if ((bytesOnDisk > maxBytes || tooOld) && !file.equals(current)) {
          long lines = lines(file);
          long size = size(file);
          Files.delete(file);
          removed += lines;
          bytesOnDisk -= size;
          DurableFiles.fsyncDirectory(dir);
        }
      }
    } catch (IOException e) {
      // Retention is retried at the next dead letter; storing is what must not fail.
    }
  }

  private List<Path> files() throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
      stream.forEach(files::add);
    }
    files.sort(null);
    return files;
  }

  private static LocalDate dateOf(Path file) {
    String name = file.getFileName().toString();
    try {
      return LocalDate.parse(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
    } catch (RuntimeException e) {
      return LocalDate.MIN;
    }
  }

  private static long lines(Path file) throws IOException {
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.count();
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  private static String reasonKind(String reason) {
    int colon = reason.indexOf(':');
    String kind = colon < 0 ? reason : reason.substring(0, colon);
    return kind.length() > 60 ? kind.substring(0, 60) : kind;
  }
}
