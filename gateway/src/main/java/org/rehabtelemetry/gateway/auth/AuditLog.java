package org.rehabtelemetry.gateway.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.rehabtelemetry.runtime.files.TailLines;

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

  /** The file prefix of the provisioning command's entries ({@code audit-cli-YYYY-MM.jsonl}). */
  public static final String CLI_PREFIX = "audit-cli";

  private static final java.util.regex.Pattern FILE =
      java.util.regex.Pattern.compile("audit(-[a-z]+)?-(\\d{4}-\\d{2})\\.jsonl");

  private final Path dir;
  private final Clock clock;
  private final String prefix;
  private final ObjectMapper json = new ObjectMapper();

  /** The gateway's own log, {@code audit-YYYY-MM.jsonl}. */
  public AuditLog(Path dir, Clock clock) {
    this(dir, clock, "audit");
  }

  /**
   * A log writing {@code PREFIX-YYYY-MM.jsonl}: another process (the provisioning command, often
   * root) writes its own files, never the gateway's, so it cannot leave the gateway a file it may
   * not append to. {@link #recent()} reads every prefix.
   */
  public AuditLog(Path dir, Clock clock, String prefix) {
    this.dir = dir;
    this.clock = clock;
    this.prefix = prefix;
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
        dir.resolve(prefix + "-" + YearMonth.from(entry.at().atZone(ZoneOffset.UTC)) + ".jsonl");
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
    java.util.TreeMap<String, List<Path>> byMonth =
        new java.util.TreeMap<>(Comparator.reverseOrder());
    try (Stream<Path> listing = Files.list(dir)) {
      listing.forEach(
          f -> {
            java.util.regex.Matcher name = FILE.matcher(f.getFileName().toString());
            if (name.matches()) {
              byMonth.computeIfAbsent(name.group(2), month -> new ArrayList<>()).add(f);
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the audit log " + dir, e);
    }
    List<Entry> entries = new ArrayList<>();
    byMonth.values().stream()
        .limit(2)
        .flatMap(List::stream)
        .forEach(
            file -> {
              for (String line : TailLines.read(file, TAIL_BYTES)) {
                Entry entry = parse(line);
                if (entry != null) {
                  entries.add(entry);
                }
              }
            });
    // Newest first; within one file the order written (stable sort on equal times).
    Collections.reverse(entries);
    entries.sort(Comparator.comparing(Entry::at).reversed());
    return entries.size() > RECENT ? new ArrayList<>(entries.subList(0, RECENT)) : entries;
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
