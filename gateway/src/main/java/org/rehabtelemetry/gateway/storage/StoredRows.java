package org.rehabtelemetry.gateway.storage;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;

/**
 * Reads the rows of the explanation queries ({@link SeqQuery#explanations}) as both database
 * adapters answer them, JSON arrays of {@code [time, ...]}. Rows are untrusted: one that cannot be
 * read is skipped. Stateless and thread-safe.
 */
public final class StoredRows {
  private StoredRows() {}

  /** A {@code session_lost} row {@code [time, seqs, reason]}, the time being the eviction's. */
  public static void lost(JsonNode row, Consumer<SeqQuery.StoredLost> out) {
    Instant evictedAt = instant(row.get(0));
    if (evictedAt != null && row.path(1).isTextual()) {
      out.accept(new SeqQuery.StoredLost(row.get(1).asText(), evictedAt, row.path(2).asText("")));
    }
  }

  /** A {@code session_refused} row {@code [time, seq, reason]}. */
  public static void refused(JsonNode row, Consumer<SeqQuery.StoredRefusal> out) {
    JsonNode seq = row.get(1);
    if (seq != null && seq.canConvertToLong() && seq.asLong() >= 0) {
      out.accept(new SeqQuery.StoredRefusal(seq.asLong(), row.path(2).asText("")));
    }
  }

  private static Instant instant(JsonNode time) {
    try {
      return time == null ? null : Instant.parse(time.asText());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
