package org.rehabtelemetry.gateway.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Messages that could not be stored, kept with their reason and raw payload so nothing is dropped
 * silently: one JSON line each in {@code dead-letters-YYYY-MM-DD.jsonl}, fsynced before the message
 * is acknowledged. The most recent ones are kept in memory for the operator's dashboard.
 * Thread-safe.
 */
public final class DeadLetterStore {
  /** One dead letter. */
  public record DeadLetter(
      String receivedAt, String topic, String reason, int bytes, String payloadBase64) {}

  private static final int RECENT = 100;
  private final Path dir;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicLong count = new AtomicLong();
  private final Deque<DeadLetter> recent = new ArrayDeque<>();

  public DeadLetterStore(Path dir, Clock clock) {
    this.dir = dir;
    this.clock = clock;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the dead-letter directory " + dir, e);
    }
  }

  /**
   * Stores a dead letter durably.
   *
   * @throws UncheckedIOException if it cannot be written; the caller must then not acknowledge
   */
  public synchronized void store(String topic, byte[] payload, String reason) {
    DeadLetter letter =
        new DeadLetter(
            clock.instant().toString(),
            topic,
            reason,
            payload.length,
            Base64.getEncoder().encodeToString(payload));
    ObjectNode line = json.valueToTree(letter);
    Path file =
        dir.resolve("dead-letters-" + LocalDate.now(clock.withZone(ZoneOffset.UTC)) + ".jsonl");
    try (FileChannel out =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      out.write(
          java.nio.ByteBuffer.wrap(
              (json.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8)));
      out.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store a dead letter in " + file, e);
    }
    count.incrementAndGet();
    recent.addFirst(letter);
    while (recent.size() > RECENT) {
      recent.removeLast();
    }
  }

  /** Dead letters stored since start. */
  public long count() {
    return count.get();
  }

  /** The most recent dead letters, newest first. */
  public synchronized List<DeadLetter> recent() {
    return new ArrayList<>(recent);
  }
}
