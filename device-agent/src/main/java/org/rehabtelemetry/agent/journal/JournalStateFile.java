package org.rehabtelemetry.agent.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.rehabtelemetry.runtime.files.FileLayer;

/**
 * The journal's own state on disk, {@code journal-state}: "FRONTIER DURABLE", the sent frontier and
 * the last durable id. Replaced atomically and durably (temp file, fsync, rename, directory fsync),
 * and rationed to one write per {@value #INTERVAL_MILLIS} ms (and at close): after a power cut at
 * most that much of acknowledged records is sent again, which is harmless, and the SD card is
 * spared several KB a second. Not thread-safe; the journal locks.
 */
final class JournalStateFile {
  static final String NAME = "journal-state";
  static final long INTERVAL_MILLIS = 10_000;

  private final FileLayer files;
  private final Path file;
  private long frontier;
  private long durableId;
  private long writtenAtMillis = Long.MIN_VALUE / 2;

  JournalStateFile(FileLayer files, Path dir) {
    this.files = files;
    this.file = dir.resolve(NAME);
  }

  /** Reads the saved state; a damaged file is reported and read as "nothing sent". */
  void read(Consumer<String> damaged) throws IOException {
    if (!files.exists(file)) {
      return;
    }
    String text = new String(files.readAll(file), StandardCharsets.US_ASCII).trim();
    // Trimmed, so no trailing empty parts to drop; an empty file fails to parse as damaged.
    String[] parts = text.split(" ", -1);
    try {
      frontier = Long.parseLong(parts[0]);
      durableId = parts.length > 1 ? Long.parseLong(parts[1]) : frontier;
    } catch (NumberFormatException e) {
      damaged.accept(NAME + " holds \"" + text + "\"; every record will be sent again");
      frontier = 0;
      durableId = 0;
    }
  }

  /** The saved sent frontier: every id up to it was sent when it was saved. */
  long frontier() {
    return frontier;
  }

  /** The saved last durable id. */
  long durableId() {
    return durableId;
  }

  /**
   * Saves the state if it changed and the interval passed (or {@code force}).
   *
   * @throws IOException if the write fails; the previous state stays in place
   */
  void save(long newFrontier, long newDurableId, long nowMillis, boolean force) throws IOException {
    boolean changed = newFrontier != frontier || newDurableId != durableId;
    if (!changed || (!force && nowMillis - writtenAtMillis < INTERVAL_MILLIS)) {
      return;
    }
    files.replace(
        file, (newFrontier + " " + newDurableId + "\n").getBytes(StandardCharsets.US_ASCII));
    frontier = newFrontier;
    durableId = newDurableId;
    writtenAtMillis = nowMillis;
  }
}
