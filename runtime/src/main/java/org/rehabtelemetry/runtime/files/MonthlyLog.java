package org.rehabtelemetry.runtime.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An append-only log of text lines in monthly files, {@code PREFIX-YYYY-MM.jsonl} (UTC months), in
 * one directory: each append is fsynced before it returns, so a power cut loses no line appended
 * before it (a line torn by the cut is left for the reader to skip); the newest lines are read back
 * within a byte bound; files whose month ended more than a retention ago can be deleted. Files go
 * through a {@link FileLayer} (the power-cut tests give it one that drops unsynced writes). Blocks
 * for its file operations. Not thread-safe: its owner serialises the calls.
 */
public final class MonthlyLog {
  private final FileLayer files;
  private final Path dir;
  private final String prefix;
  private final Pattern file;

  /**
   * Opens the log in {@code dir}, made if absent.
   *
   * @param prefix the files' name before {@code -YYYY-MM.jsonl}: lowercase letters and dashes
   * @throws UncheckedIOException if the directory cannot be made
   */
  public MonthlyLog(Path dir, String prefix) {
    this(new NioFileLayer(), dir, prefix);
  }

  /** Opens the log in {@code dir} of {@code files}, made if absent. */
  public MonthlyLog(FileLayer files, Path dir, String prefix) {
    if (!prefix.matches("[a-z][a-z-]*")) {
      throw new IllegalArgumentException("a log prefix is lowercase letters and dashes: " + prefix);
    }
    this.files = files;
    this.dir = dir;
    this.prefix = prefix;
    this.file = Pattern.compile(Pattern.quote(prefix) + "-(\\d{4}-\\d{2})\\.jsonl");
    try {
      files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use the log directory " + dir, e);
    }
  }

  /** The file the lines of {@code at}'s month go to. */
  public Path fileFor(Instant at) {
    return dir.resolve(prefix + "-" + YearMonth.from(at.atZone(ZoneOffset.UTC)) + ".jsonl");
  }

  /**
   * Appends {@code lines} (each without a line break) to the file of {@code at}'s month with one
   * fsync; durable when it returns. A file that does not end with a line break (a line torn by a
   * power cut, or a write the disk refused half-way) gets one first, so the torn line stays the
   * only one lost.
   */
  public void append(Instant at, List<String> lines) throws IOException {
    Path month = fileFor(at);
    StringBuilder text = new StringBuilder();
    if (endsTorn(month)) {
      text.append('\n');
    }
    for (String line : lines) {
      if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("a log line holds no line break");
      }
      text.append(line).append('\n');
    }
    files.appendDurably(dir, month, text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Whether {@code file} exists, is not empty and does not end with a line break. */
  private boolean endsTorn(Path file) throws IOException {
    if (!files.exists(file)) {
      return false;
    }
    try (FileLayer.Channel in = files.openForReading(file)) {
      long size = in.size();
      if (size == 0) {
        return false;
      }
      ByteBuffer last = ByteBuffer.allocate(1);
      in.read(last, size - 1);
      return last.get(0) != '\n';
    }
  }

  /** The newest non-blank lines as they are (see {@link #recent(int, int, Function)}). */
  public List<String> recent(int max, int tailBytes) throws IOException {
    return recent(max, tailBytes, Function.identity());
  }

  /**
   * The newest entries, newest first: at most {@code max} non-blank lines that {@code parse} turns
   * into an entry (it returns null for one it cannot read, such as a line torn by a power cut,
   * which is skipped), from the two newest files, and from each at most its last {@code tailBytes}.
   */
  public <T> List<T> recent(int max, int tailBytes, Function<String, T> parse) throws IOException {
    List<Path> months = months();
    Collections.reverse(months);
    List<T> entries = new ArrayList<>();
    for (Path month : months.subList(0, Math.min(2, months.size()))) {
      List<String> ofMonth = new ArrayList<>(TailLines.read(files, month, tailBytes));
      Collections.reverse(ofMonth);
      for (String line : ofMonth) {
        T entry = line.isBlank() ? null : parse.apply(line);
        if (entry != null) {
          entries.add(entry);
          if (entries.size() == max) {
            return entries;
          }
        }
      }
    }
    return entries;
  }

  /**
   * Deletes the files whose month ended more than {@code retention} before {@code clock}'s now; a
   * file that cannot be deleted does not stop the others.
   *
   * @return the names of the files deleted
   * @throws IOException after trying them all, if any could not be deleted
   */
  public List<String> prune(Clock clock, Duration retention) throws IOException {
    Instant cutoff = clock.instant().minus(retention);
    List<String> deleted = new ArrayList<>();
    IOException failed = null;
    for (Path month : months()) {
      Matcher name = file.matcher(month.getFileName().toString());
      if (name.matches()
          && YearMonth.parse(name.group(1))
              .plusMonths(1)
              .atDay(1)
              .atStartOfDay(ZoneOffset.UTC)
              .toInstant()
              .isBefore(cutoff)) {
        try {
          files.delete(month);
          deleted.add(month.getFileName().toString());
        } catch (IOException e) {
          if (failed == null) {
            failed = e;
          } else {
            failed.addSuppressed(e);
          }
        }
      }
    }
    if (!deleted.isEmpty()) {
      try {
        files.fsyncDirectory(dir); // the deletions last through a power cut
      } catch (IOException e) {
        if (failed == null) {
          failed = e;
        } else {
          failed.addSuppressed(e);
        }
      }
    }
    if (failed != null) {
      throw new IOException(
          "could not delete every old file durably (deleted " + deleted + ")", failed);
    }
    return deleted;
  }

  /** The log's files, oldest month first. */
  private List<Path> months() throws IOException {
    return new ArrayList<>(
        files.list(dir, ".jsonl").stream()
            .filter(f -> file.matcher(f.getFileName().toString()).matches())
            .sorted()
            .toList());
  }
}
