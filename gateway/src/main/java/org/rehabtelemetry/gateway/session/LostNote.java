package org.rehabtelemetry.gateway.session;

import java.time.Instant;

/**
 * A device's definite answer that some of a session's messages are lost: its journal evicted them
 * (docs/protocol.md, {@code lost}).
 *
 * @param seqs the seqs it named, as on the wire ({@code 12-40,57}); only those not received count
 * @param evictedAt when its journal dropped them
 * @param reason why, in the device's words
 */
public record LostNote(String seqs, Instant evictedAt, String reason) {
  /**
   * {@code 12-40 (2026-11-23T09:31:17Z, size limit 268435456 bytes reached)}: no words of the
   * gateway's own, so that a report in any language can quote it.
   */
  @Override
  public String toString() {
    return seqs + " (" + evictedAt + ", " + reason + ")";
  }
}
