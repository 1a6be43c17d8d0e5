package org.rehabtelemetry.gateway.storage;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Reads the rows of the seq and explanation queries ({@link SeqQuery}) as both database adapters
 * answer them, JSON arrays ({@code [time, ...]} for the explanations). Rows are untrusted: one that
 * cannot be read is skipped. Stateless and thread-safe.
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
    seq(row.get(1), seq -> out.accept(new SeqQuery.StoredRefusal(seq, row.path(2).asText(""))));
  }

  /** A stored {@code seq} value, if it is one (a whole number, not negative). */
  public static void seq(JsonNode value, LongConsumer out) {
    if (value != null && value.canConvertToLong() && value.asLong() >= 0) {
      out.accept(value.asLong());
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
