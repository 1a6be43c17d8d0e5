package org.rehabtelemetry.gateway.session;

import java.util.List;
import java.util.Map;
import org.rehabtelemetry.gateway.storage.LineProtocol;
import org.rehabtelemetry.gateway.storage.Lines;
import org.rehabtelemetry.gateway.storage.Point;

/**
 * Session messages a gateway kept as dead letters, as {@code session_refused} points, so that every
 * gateway of a group, and this one after a restart, can explain the seqs instead of reporting them
 * missing. The session is a field, not a tag: dead letters may name sessions made up by a broken
 * device, and must not create a series each. The identity is the site, the device, the gateway (a
 * tag; a group has a few) and a time the writing gateway makes strictly increasing, so no refusal
 * overwrites another. Stateless and thread-safe.
 */
final class RefusalPoints {
  private RefusalPoints() {}

  /**
   * One refused session message.
   *
   * @param reason the dead letter's reason, already shortened and cleaned
   * @param timeMicros when it was refused, in µs, strictly increasing per gateway
   */
  record Refusal(
      String site, String device, String sessionId, long seq, String reason, long timeMicros) {}

  /**
   * The points of {@code refusals}.
   *
   * @param gateway the {@code gateway} tag: the refusing gateway's MQTT client id
   */
  static Lines of(String gateway, List<Refusal> refusals) {
    StringBuilder out = new StringBuilder();
    for (Refusal refusal : refusals) {
      LineProtocol.append(
          out,
          new Point(
              "session_refused",
              Map.of("site", refusal.site(), "device", refusal.device(), "gateway", gateway),
              Map.of(
                  "session", refusal.sessionId(), "seq", refusal.seq(), "reason", refusal.reason()),
              refusal.timeMicros()));
    }
    return new Lines(out.toString(), refusals.size());
  }
}
