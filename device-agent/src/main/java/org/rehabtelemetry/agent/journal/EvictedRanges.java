package org.rehabtelemetry.agent.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rehabtelemetry.runtime.files.FileLayer;

/**
 * The id ranges the journal evicted itself, in {@code evicted-ranges} ("FIRST LAST" per line), so
 * that recovery tells a range it dropped on purpose (reported when it happened) from one that went
 * missing (damage, reported at start). Advisory: a torn last line only makes one gap reported
 * twice. Not thread-safe; the journal locks.
 */
final class EvictedRanges {
  static final String NAME = "evicted-ranges";

  private final FileLayer files;
  private final Path dir;
  private final Path file;
  private final List<long[]> ranges = new ArrayList<>();

  EvictedRanges(FileLayer files, Path dir) {
    this.files = files;
    this.dir = dir;
    this.file = dir.resolve(NAME);
  }

  /** Reads the file and keeps only the ranges above {@code frontier}, rewriting it so. */
  void readAndPrune(long frontier) throws IOException {
    if (!files.exists(file)) {
      return;
    }
    StringBuilder kept = new StringBuilder();
    for (String line : new String(files.readAll(file), StandardCharsets.US_ASCII).split("\n", -1)) {
      // Empty lines (the one after the last newline too) and torn lines do not have two parts.
      String[] parts = line.trim().split(" ", -1);
      if (parts.length != 2) {
        continue;
      }
      try {
        long first = Long.parseLong(parts[0]);
        long last = Long.parseLong(parts[1]);
        if (last > frontier) {
          ranges.add(new long[] {first, last});
          kept.append(first).append(' ').append(last).append('\n');
        }
      } catch (NumberFormatException e) {
        // A torn line: the gap it named is reported as missing instead.
      }
    }
    files.replace(file, kept.toString().getBytes(StandardCharsets.US_ASCII));
  }

  boolean covers(long id) {
    for (long[] range : ranges) {
      if (id >= range[0] && id <= range[1]) {
        return true;
      }
    }
    return false;
  }

  /** Appends a range durably. */
  void record(long first, long last) throws IOException {
    files.appendDurably(dir, file, (first + " " + last + "\n").getBytes(StandardCharsets.US_ASCII));
    ranges.add(new long[] {first, last});
  }
}
