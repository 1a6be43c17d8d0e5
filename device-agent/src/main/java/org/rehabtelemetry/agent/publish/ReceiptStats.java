package org.rehabtelemetry.agent.publish;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * Running receipt figures since start. Latency is the time from a record's last publish to the
 * receipt that freed it; quantiles are over the latest 4,096 receipted records, so memory stays
 * fixed. Thread-safe.
 */
public final class ReceiptStats {
  private static final int RECENT = 4096;

  /** Receipt commands accepted. */
  public final LongAdder receipts = new LongAdder();

  /** Records a receipt freed. */
  public final LongAdder receipted = new LongAdder();

  /** Of those, records the gateway kept as dead letters. */
  public final LongAdder deadLettered = new LongAdder();

  /** Records sent again because their receipt was overdue. */
  public final LongAdder resent = new LongAdder();

  /** Records freed after the grace period with no receipt (no receipts seen yet). */
  public final LongAdder freedWithoutReceipt = new LongAdder();

  /** Records a gateway asked for again (RESEND), held here or not. */
  public final LongAdder resendRequested = new LongAdder();

  /** Records a gateway asked for that the journal had evicted: answered as lost. */
  public final LongAdder answeredLost = new LongAdder();

  /** Lost answers not given now (too many at once); the gateway asks again. */
  public final LongAdder answersRefused = new LongAdder();

  /** Records given up on: no receipt after the maximum number of resends (still kept). */
  public final LongAdder gaveUp = new LongAdder();

  /** Malformed commands ignored. */
  public final LongAdder refusedCommands = new LongAdder();

  private final long[] recent = new long[RECENT];
  private long latencies;

  synchronized void latency(long nanos) {
    recent[(int) (latencies++ % RECENT)] = nanos;
  }

  /**
   * The {@code quantile} (0..1) of the latest {@value #RECENT} receipt latencies, in milliseconds,
   * or -1 with none yet.
   */
  public synchronized double latencyQuantileMillis(double quantile) {
    int n = (int) Math.min(latencies, RECENT);
    if (n == 0) {
      return -1;
    }
    long[] sorted = Arrays.copyOf(recent, n);
    Arrays.sort(sorted);
    int index = (int) Math.min(n - 1, Math.max(0, Math.ceil(quantile * n) - 1));
    return sorted[index] / 1e6;
  }
}
