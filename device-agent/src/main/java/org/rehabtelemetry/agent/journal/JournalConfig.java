package org.rehabtelemetry.agent.journal;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Journal settings.
 *
 * @param dir the journal's directory; created if missing
 * @param segmentBytes a segment file is closed and a new one started past this size
 * @param maxBytes the journal's bound on disk, both lanes together
 * @param maxAge segments older than this are evicted even when the size bound is not reached
 * @param commitInterval group commit: fsync at most this often (less SD-card wear)
 * @param maxUnwrittenBytes the memory bound for records waiting while writing fails
 */
public record JournalConfig(
    Path dir,
    long segmentBytes,
    long maxBytes,
    Duration maxAge,
    Duration commitInterval,
    long maxUnwrittenBytes) {

  public JournalConfig {
    if (segmentBytes < 4096 || maxBytes < 2 * segmentBytes) {
      throw new IllegalArgumentException(
          "need segmentBytes >= 4096 and maxBytes >= 2 x segmentBytes, got "
              + segmentBytes
              + " and "
              + maxBytes);
    }
  }

  /** Defaults for a Pi: 4 MiB segments, 256 MiB, 14 days, commit every 200 ms, 16 MiB in memory. */
  public static JournalConfig defaults(Path dir) {
    return new JournalConfig(
        dir, 4L << 20, 256L << 20, Duration.ofDays(14), Duration.ofMillis(200), 16L << 20);
  }
}
