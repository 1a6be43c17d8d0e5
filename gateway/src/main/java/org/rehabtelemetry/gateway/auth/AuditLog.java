package org.rehabtelemetry.gateway.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.rehabtelemetry.runtime.files.DurableFiles;

/**
 * Who did what on the gateway: logins, failed and refused logins, logouts, alarm acknowledgements,
 * and (with the provisioning command) devices registered and revoked. One JSON line per entry in
 * {@code audit-YYYY-MM.jsonl}, fsynced before the action is answered. The admin view reads the most
 * recent 500 back from the files, so entries written by another process (the provisioning command)
 * and before a restart show too. Never a password, a token or a hash: only the actor, the action,
 * its target, the client address and the outcome. Thread-safe.
 */
public final class AuditLog {
  /** One entry. */
  public record Entry(
      Instant at, String actor, String action, String target, String address, String outcome) {}

  private static final int RECENT = 500;

  /** At most this much of each of the two newest files is read back for the admin view. */
  private static final int TAIL_BYTES = 256 * 1024;

  private final Path dir;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();

  public AuditLog(Path dir, Clock clock) {
    this.dir = dir;
    this.clock = clock;
    try {
      DurableFiles.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use the audit directory " + dir, e);
    }
  }

  /**
   * Records an entry durably.
   *
   * @throws UncheckedIOException if it cannot be written (the action is then refused)
   */
  public synchronized Entry record(
      String actor, String action, String target, String address, String outcome) {
    Entry entry = new Entry(clock.instant(), clean(actor), action, clean(target), address, outcome);
    ObjectNode line = json.createObjectNode();
    line.put("at", entry.at().toString());
    line.put("actor", entry.actor());
    line.put("action", entry.action());
    line.put("target", entry.target());
    line.put("address", entry.address());
    line.put("outcome", entry.outcome());
    Path file =
        dir.resolve("audit-" + YearMonth.from(entry.at().atZone(ZoneOffset.UTC)) + ".jsonl");
    try {
      DurableFiles.append(
          file, (json.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the audit log " + file, e);
    }
    return entry;
  }

  /**
   * The most recent entries (at most 500, from the two newest monthly files), newest first. Blocks
   * for a bounded file read; a line that cannot be read is skipped.
   */
  public synchronized List<Entry> recent() {
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files =
          listing
              .filter(f -> f.getFileName().toString().matches("audit-\\d{4}-\\d{2}\\.jsonl"))
              .sorted(Comparator.reverseOrder())
              .limit(2)
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the audit log " + dir, e);
    }
    List<Entry> entries = new ArrayList<>();
    for (Path file : files) {
      List<Entry> ofFile = new ArrayList<>();
      for (String line : tail(file)) {
        Entry entry = parse(line);
        if (entry != null) {
          ofFile.add(entry);
        }
      }
      Collections.reverse(ofFile);
      entries.addAll(ofFile);
      if (entries.size() >= RECENT) {
        break;
      }
    }
    return entries.size() > RECENT ? new ArrayList<>(entries.subList(0, RECENT)) : entries;
  }

  private static List<String> tail(Path file) {
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = in.size();
      long from = Math.max(0, size - TAIL_BYTES);
      ByteBuffer buffer = ByteBuffer.allocate((int) (size - from));
      while (buffer.hasRemaining() && in.read(buffer, from + buffer.position()) > 0) {
        // read on
      }
      String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
      List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
      if (from > 0 && !lines.isEmpty()) {
        lines.remove(0); // cut in the middle
      }
      return lines;
    } catch (IOException e) {
      return List.of();
    }
  }

  private Entry parse(String line) {
    if (line.isBlank()) {
      return null;
    }
    try {
      JsonNode node = json.readTree(line);
      return new Entry(
          Instant.parse(node.path("at").asText()),
          node.path("actor").asText(null),
          node.path("action").asText(null),
          node.path("target").asText(null),
          node.path("address").asText(null),
          node.path("outcome").asText(null));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** A name as typed by a client, made safe to log: printable, at most 64 characters. */
  private static String clean(String text) {
    if (text == null) {
      return null;
    }
    String cut = text.length() > 64 ? text.substring(0, 64) : text;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
