package org.rehabtelemetry.hardware.hub;

/**
 * Maps the hub's 32-bit microsecond clock onto the agent's monotonic clock.
 *
 * <p>The first frame anchors the hub time to its arrival time; later frames are placed by the hub
 * clock, which is far steadier than arrival times over USB. The anchor is reset when the mapped
 * time would lie in the future (more than 5 ms after arrival: the hub clock runs fast) or more than
 * 250 ms before arrival (it runs slow, or the hub restarted), and after a hub hello. Results
 * strictly increase, so no two frames share a timestamp. Not thread-safe.
 */
public final class HubTimeline {
  private static final long MAX_AHEAD_NANOS = 5_000_000L;
  private static final long MAX_BEHIND_NANOS = 250_000_000L;

  private boolean anchored;
  private long anchorNanos;
  private long anchorHubMicros;
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
    if (!anchored) {
      anchor(hubMicros32, arrivalNanos);
    } else {
      long delta = (hubMicros32 - lastHubMicros32) & 0xFFFF_FFFFL;
      if (delta > 0x7FFF_FFFFL) {
        anchor(hubMicros32, arrivalNanos);
      } else {
        hubMicros += delta;
        lastHubMicros32 = hubMicros32;
      }
    }
    long mapped = anchorNanos + (hubMicros - anchorHubMicros) * 1000;
    if (mapped > arrivalNanos + MAX_AHEAD_NANOS || mapped < arrivalNanos - MAX_BEHIND_NANOS) {
      anchor(hubMicros32, arrivalNanos);
      mapped = arrivalNanos;
    }
    if (lastMapped != Long.MIN_VALUE && mapped <= lastMapped) {
      mapped = lastMapped + 1000;
    }
    lastMapped = mapped;
    return mapped;
  }

  private void anchor(long hubMicros32, long arrivalNanos) {
    anchored = true;
    anchorNanos = arrivalNanos;
    lastHubMicros32 = hubMicros32;
    hubMicros = hubMicros32;
    anchorHubMicros = hubMicros32;
  }
}
