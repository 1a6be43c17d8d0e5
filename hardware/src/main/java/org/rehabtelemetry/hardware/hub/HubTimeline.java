package org.rehabtelemetry.hardware.hub;

/**
 * Maps the hub's 32-bit microsecond clock onto the agent's monotonic clock.
 *
 * <p>Frames are placed by the hub clock plus an offset, because the hub clock is far steadier than
 * arrival times over USB. The offset is the smallest delay seen: a sample is never later than its
 * arrival, so a frame that would map after its arrival lowers the offset to place it exactly at its
 * arrival. A frame that maps more than 250 ms before its arrival (the hub clock runs slow or
 * stalled), a hub clock that jumps back (a hub restart) and a hub hello re-anchor the offset at the
 * arrival. Results strictly increase, so no two frames share a timestamp. Not thread-safe.
 */
public final class HubTimeline {
  private static final long MAX_BEHIND_NANOS = 250_000_000L;

  private boolean anchored;
  private long offsetNanos;
  private long lastHubMicros32;
  private long hubMicros;
  private long lastMapped = Long.MIN_VALUE;

  /** Forgets the anchor, e.g. when the hub restarted. */
  public void reset() {
    anchored = false;
  }

  /** The monotonic time of a frame stamped {@code hubMicros32} that arrived at {@code arrival}. */
  public long map(long hubMicros32, long arrivalNanos) {
    hubMicros32 &= 0xFFFF_FFFFL;
    long delta = (hubMicros32 - lastHubMicros32) & 0xFFFF_FFFFL;
    if (!anchored || delta > 0x7FFF_FFFFL) {
      anchored = true;
      hubMicros = hubMicros32;
      offsetNanos = arrivalNanos - hubMicros * 1000;
    } else {
      hubMicros += delta;
    }
    lastHubMicros32 = hubMicros32;
    long mapped = hubMicros * 1000 + offsetNanos;
    if (mapped > arrivalNanos || mapped < arrivalNanos - MAX_BEHIND_NANOS) {
      offsetNanos = arrivalNanos - hubMicros * 1000;
      mapped = arrivalNanos;
    }
    if (lastMapped != Long.MIN_VALUE && mapped <= lastMapped) {
      mapped = lastMapped + 1000;
    }
    lastMapped = mapped;
    return mapped;
  }
}
