package org.rehabtelemetry.gateway.session;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.rehabtelemetry.gateway.storage.LineProtocol;
import org.rehabtelemetry.gateway.storage.Lines;
import org.rehabtelemetry.gateway.storage.Point;

/**
 * Session messages a gateway kept as dead letters, as {@code session_refused} points, so that every
 * gateway of a group, and this one after a restart, can explain the seqs instead of reporting them
 * missing. The session is a field, not a tag: dead letters may name sessions made up by a broken
 * device, and must not create a series each. Stateless and thread-safe.
 */
final class RefusalPoints {
  private RefusalPoints() {}

  /**
   * One refused session message.
   *
   * @param reason the dead letter's reason, already shortened and cleaned
   * @param at when it was refused
   */
  record Refusal(
      String site, String device, String sessionId, long seq, String reason, Instant at) {
    /**
     * The point's time: the second it was refused, plus its seq in microseconds, so refusals of one
     * device in one second keep a point each (a seq is below a million).
     */
    long timeMicros() {
      return at.getEpochSecond() * 1_000_000L + seq;
    }
  }

  static Lines of(List<Refusal> refusals) {
    StringBuilder out = new StringBuilder();
    for (Refusal refusal : refusals) {
      LineProtocol.append(
          out,
          new Point(
              "session_refused",
              Map.of("site", refusal.site(), "device", refusal.device()),
              Map.of(
                  "session", refusal.sessionId(), "seq", refusal.seq(), "reason", refusal.reason()),
              refusal.timeMicros()));
    }
    return new Lines(out.toString(), refusals.size());
  }
}
