package org.rehabtelemetry.gateway.storage.questdb;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.rehabtelemetry.gateway.storage.SeqQuery;

/**
 * Asks QuestDB (the embedded store) which seqs of a session are stored, across the tables that
 * carry one, {@value SeqQuery#PAGE} rows a page, and which are explained as lost or refused.
 * QuestDB applies its write-ahead log a moment after a write is acknowledged, so a seq can show up
 * here shortly after its write; the completeness recorder re-checks. Thread-safe.
 */
public final class QuestDbSeqQuery implements SeqQuery {
  private static final String[] TABLES = {"batch", "session_event", "alarm", "session_summary"};

  private final QuestDbSql sql;

  public QuestDbSeqQuery(QuestDbSql sql) {
    this.sql = sql;
  }

  @Override
  public boolean storedSeqs(String sessionId, LongConsumer seqs) {
    String session = "'" + sessionId.replace("'", "''") + "'";
    try {
      for (String table : TABLES) {
        for (long offset = 0; ; offset += PAGE) {
          JsonNode answer =
              sql.execute(
                  "SELECT \"seq\" FROM \""
                      + table
                      + "\" WHERE \"session\" = "
                      + session
                      + " AND \"seq\" IS NOT NULL LIMIT "
                      + offset
                      + ","
                      + (offset + PAGE));
          int rows = 0;
          for (JsonNode row : answer.path("dataset")) {
            rows++;
            JsonNode seq = row.get(0);
            if (seq != null && seq.canConvertToLong() && seq.asLong() >= 0) {
              seqs.accept(seq.asLong());
            }
          }
          if (rows < PAGE) {
            break;
          }
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public boolean explanations(
      String sessionId, Consumer<StoredLost> lost, Consumer<StoredRefusal> refused) {
    String session = "'" + sessionId.replace("'", "''") + "'";
    try {
      for (JsonNode row :
          rows(
              "SELECT \"timestamp\", \"seqs\", \"reason\" FROM \"session_lost\" WHERE"
                  + " \"session\" = "
                  + session)) {
        Instant evictedAt = instant(row.get(0));
        if (evictedAt != null && row.path(1).isTextual()) {
          lost.accept(new StoredLost(row.get(1).asText(), evictedAt, row.path(2).asText("")));
        }
      }
      for (long offset = 0; ; offset += PAGE) {
        int count = 0;
        for (JsonNode row :
            rows(
                "SELECT \"seq\", \"reason\" FROM \"session_refused\" WHERE \"session\" = "
                    + session
                    + " LIMIT "
                    + offset
                    + ","
                    + (offset + PAGE))) {
          count++;
          JsonNode seq = row.get(0);
          if (seq != null && seq.canConvertToLong() && seq.asLong() >= 0) {
            refused.accept(new StoredRefusal(seq.asLong(), row.path(1).asText("")));
          }
        }
        if (count < PAGE) {
          return true;
        }
      }
    } catch (IOException e) {
      return false;
    }
  }

  private Iterable<JsonNode> rows(String query) throws IOException {
    return sql.execute(query).path("dataset");
  }

  private static Instant instant(JsonNode time) {
    try {
      return time == null ? null : Instant.parse(time.asText());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
