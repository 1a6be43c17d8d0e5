package org.rehabtelemetry.agent.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.rehabtelemetry.protocol.Identifiers;
import org.rehabtelemetry.protocol.Limits;
import org.rehabtelemetry.protocol.ProtocolException;
import org.rehabtelemetry.protocol.SeqRangeText;
import org.rehabtelemetry.runtime.files.FileLayer;

/**
 * Which session seqs the journal evicted, when and why, in {@code lost-seqs} (one tab-separated
 * line per session and eviction: epoch millis, session id, seqs, reason), so that the device can
 * answer a resend request for them with a definite "lost" long after the eviction and across
 * restarts.
 *
 * <p>Bounded: the newest {@value LostSeqsList#MAX_ENTRIES} entries are kept, merged as {@link
 * LostSeqsList} merges them; the file is rewritten to them at open when it holds more lines, and
 * whenever it holds twice as many. A torn or unreadable line is skipped (its seqs then stay an
 * unexplained gap at the gateway, as before this ledger). Not thread-safe; the journal locks.
 */
final class LostLedger {
  static final String NAME = "lost-seqs";

  private final FileLayer files;
  private final Path dir;
  private final Path file;
  private final LostSeqsList entries = new LostSeqsList();
  private int linesInFile;
  private boolean appendFailed;

  LostLedger(FileLayer files, Path dir) {
    this.files = files;
    this.dir = dir;
    this.file = dir.resolve(NAME);
  }

  /** Reads the file, keeping the newest entries, and rewrites it if it held more or was torn. */
  void read() throws IOException {
    if (!files.exists(file)) {
      return;
    }
    String[] lines = new String(files.readAll(file), StandardCharsets.UTF_8).split("\n", -1);
    int read = 0;
    // The part after the last newline is empty, or a line torn by a power cut: skipped.
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty()) {
        continue;
      }
      LostSeqs entry = i == lines.length - 1 ? null : parse(line);
      read++;
      if (entry != null) {
        entries.add(entry);
      }
    }
    linesInFile = read;
    if (linesInFile > entries.size()) {
      rewrite();
    }
  }

  /** Appends entries durably (fsynced) and keeps them for {@link #of}. */
  void record(List<LostSeqs> lost) throws IOException {
    if (lost.isEmpty()) {
      return;
    }
    lost.forEach(entries::add);
    if (appendFailed || linesInFile + lost.size() > 2 * LostSeqsList.MAX_ENTRIES) {
      rewrite(); // after a failed append the file may end in part of a line: never append to it
      appendFailed = false;
      return;
    }
    StringBuilder text = new StringBuilder();
    lost.forEach(entry -> text.append(format(entry)));
    try {
      files.appendDurably(dir, file, text.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      appendFailed = true;
      throw e;
    }
    linesInFile += lost.size();
  }

  /** The entries of one session, oldest first. */
  List<LostSeqs> of(String sessionId) {
    return entries.of(sessionId);
  }

  private void rewrite() throws IOException {
    StringBuilder text = new StringBuilder();
    entries.all().forEach(entry -> text.append(format(entry)));
    files.replace(file, text.toString().getBytes(StandardCharsets.UTF_8));
    linesInFile = entries.size();
  }

  private static String format(LostSeqs entry) {
    return entry.evictedAt().toEpochMilli()
        + "\t"
        + entry.sessionId()
        + "\t"
        + SeqRangeText.format(entry.seqs(), Limits.MAX_TEXT_LENGTH).get(0)
        + "\t"
        + entry.reason().replace('\t', ' ').replace('\n', ' ')
        + "\n";
  }

  /** An entry, or null for a torn or damaged line. */
  private static LostSeqs parse(String line) {
    String[] parts = line.split("\t", 4);
    if (parts.length != 4) {
      return null;
    }
    try {
      return new LostSeqs(
          Identifiers.opaqueId("sessionId", parts[1]),
          SeqRangeText.parse("seqs", parts[2]),
          Instant.ofEpochMilli(Long.parseLong(parts[0])),
          parts[3]);
    } catch (NumberFormatException | ProtocolException e) {
      return null;
    }
  }
}
