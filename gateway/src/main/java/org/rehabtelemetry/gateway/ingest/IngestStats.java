package org.rehabtelemetry.gateway.ingest;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Ingest's running figures, read by the metrics and the health view. The accounting identity per
 * message: {@code received = stored + deadLettered + previews + previewsDropped + pending} (nothing
 * that is stored is dropped; a live preview is never stored). Thread-safe.
 */
public final class IngestStats {
  final LongAdder received = new LongAdder();
  final LongAdder stored = new LongAdder();
  final LongAdder deadLettered = new LongAdder();
  final LongAdder previews = new LongAdder();
  final LongAdder previewsDropped = new LongAdder();
  final LongAdder points = new LongAdder();
  final LongAdder writeFailures = new LongAdder();
  final LongAdder redeliveriesExpected = new LongAdder();
  final AtomicLong lastWriteNanos = new AtomicLong();

  /** Messages delivered by the broker (a redelivery counts again). */
  public long received() {
    return received.sum();
  }

  /** Messages stored and acknowledged. */
  public long stored() {
    return storedValue();
  }

  private long storedValue() {
    return stored.sum();
  }

  /** Messages kept as dead letters and acknowledged. */
  public long deadLettered() {
    return deadLettered.sum();
  }

  /** Live previews shown and acknowledged (never stored). */
  public long previews() {
    return previews.sum();
  }

  /** Live previews dropped (invalid, refused) and acknowledged: never dead-lettered. */
  public long previewsDropped() {
    return previewsDropped.sum();
  }

  /** Points written. */
  public long points() {
    return points.sum();
  }

  /** Database writes that failed (retried, or split to find refused data). */
  public long writeFailures() {
    return writeFailures.sum();
  }

  /**
   * Messages received and then let go unacknowledged because the connection dropped: the broker
   * delivers them again.
   */
  public long redelivered() {
    return redeliveriesExpected.sum();
  }

  /** How long the last successful write took, in nanoseconds. */
  public long lastWriteNanos() {
    return lastWriteNanos.get();
  }
}
