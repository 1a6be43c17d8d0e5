package org.rehabtelemetry.gateway.session;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rehabtelemetry.gateway.storage.LineProtocol;
import org.rehabtelemetry.gateway.storage.Lines;
import org.rehabtelemetry.gateway.storage.Point;

/**
 * A session's completeness as a {@code session_completeness} point. Its identity (site, device,
 * session, the summary's end time) stays the same, so each update overwrites the last.
 */
final class CompletenessPoints {
  private CompletenessPoints() {}

  static Lines of(Completeness completeness, Instant endedAt) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("received", completeness.received());
    fields.put("expected", completeness.expected());
    fields.put("missing", completeness.missing());
    fields.put("complete", completeness.complete());
    fields.put("repaired", completeness.repaired());
    fields.put("gaps", completeness.gapsText());
    fields.put("lost", completeness.lost());
    fields.put("lost_detail", completeness.lostText());
    fields.put("dead_lettered", completeness.deadLettered());
    fields.put("dead_letter_reasons", completeness.deadLetterText());
    StringBuilder out = new StringBuilder();
    LineProtocol.append(
        out,
        new Point(
            "session_completeness",
            Map.of(
                "site",
                completeness.site(),
                "device",
                completeness.device(),
                "session",
                completeness.sessionId()),
            fields,
            endedAt.getEpochSecond() * 1_000_000L + endedAt.getNano() / 1000));
    return new Lines(out.toString(), 1);
  }
}
