package org.rehabtelemetry.gateway.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.rehabtelemetry.runtime.files.DurableFiles;

/**
 * Who did what on the gateway: logins, failed and refused logins, logouts, alarm acknowledgements,
 * and (with the provisioning command) devices registered and revoked. One JSON line per entry in
 * {@code audit-YYYY-MM.jsonl}, fsynced before the action is answered; the most recent 500 are kept
 * in memory for the admin view. Never a password, a token or a hash: only the actor, the action,
 * its target, the client address and the outcome. Thread-safe.
 */
public final class AuditLog {
  /** One entry. */
  public record Entry(
      Instant at, String actor, String action, String target, String address, String outcome) {}

  private static final int RECENT = 500;
  private final Path dir;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final Deque<Entry> recent = new ArrayDeque<>();

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
    recent.addFirst(entry);
    while (recent.size() > RECENT) {
      recent.removeLast();
    }
    return entry;
  }

  /** The most recent entries, newest first. */
  public synchronized List<Entry> recent() {
    return new ArrayList<>(recent);
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
