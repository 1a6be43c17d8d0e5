package org.rehabtelemetry.runtime.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The last lines of an append-only text log (UTF-8, one entry per line), read within a byte bound,
 * so a log of any size costs at most {@code maxBytes} to show. Stateless and thread-safe.
 */
public final class TailLines {
  private TailLines() {}

  /**
   * The lines in the last {@code maxBytes} of {@code file}, oldest first; a line cut by the bound
   * is left out, and a torn last line (a power cut mid-append) comes back as it is, for the caller
   * to skip. An unreadable file has no lines. Blocks for one bounded read.
   */
  public static List<String> read(Path file, int maxBytes) {
    return read(new NioFileLayer(), file, maxBytes);
  }

  /** The same through a {@link FileLayer}; a missing file has no lines. */
  public static List<String> read(FileLayer files, Path file, int maxBytes) {
    if (!files.exists(file)) {
      return List.of();
    }
    try (FileLayer.Channel in = files.openForReading(file)) {
      long size = in.size();
      long from = Math.max(0, size - maxBytes);
      ByteBuffer buffer = ByteBuffer.allocate((int) (size - from));
      while (buffer.hasRemaining() && in.read(buffer, from + buffer.position()) > 0) {
        // read on
      }
      String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
      List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
      if (from > 0 && !lines.isEmpty()) {
        lines.remove(0); // cut in the middle by the bound
      }
      return lines;
    } catch (IOException e) {
      return List.of();
    }
  }
}
