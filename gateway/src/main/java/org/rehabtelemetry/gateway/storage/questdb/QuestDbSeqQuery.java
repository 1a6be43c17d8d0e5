package org.rehabtelemetry.gateway.storage.questdb;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.rehabtelemetry.gateway.storage.SeqQuery;
import org.rehabtelemetry.gateway.storage.StoredRows;

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
  public boolean storedSeqs(String site, String device, String sessionId, LongConsumer seqs) {
    String owner = owner(site, device, sessionId);
    try {
      for (String table : TABLES) {
        paged(
            "SELECT \"seq\" FROM \"" + table + "\" WHERE " + owner + " AND \"seq\" IS NOT NULL",
            row -> StoredRows.seq(row.get(0), seqs));
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public boolean explanations(
      String site,
      String device,
      String sessionId,
      Consumer<StoredLost> lost,
      Consumer<StoredRefusal> refused) {
    String owner = owner(site, device, sessionId);
    try {
      paged(
          "SELECT \"timestamp\", \"seqs\", \"reason\" FROM \"session_lost\" WHERE " + owner,
          row -> StoredRows.lost(row, lost));
      paged(
          "SELECT \"timestamp\", \"seq\", \"reason\" FROM \"session_refused\" WHERE " + owner,
          row -> StoredRows.refused(row, refused));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Runs {@code query} a page at a time, handing each row out. */
  private void paged(String query, Consumer<JsonNode> rows) throws IOException {
    for (long offset = 0; ; offset += PAGE) {
      int count = 0;
      for (JsonNode row : rows(query + " LIMIT " + offset + "," + (offset + PAGE))) {
        count++;
        rows.accept(row);
      }
      if (count < PAGE) {
        return;
      }
    }
  }

  /** The session's own rows: its site and device too. */
  private static String owner(String site, String device, String sessionId) {
    return "\"session\" = "
        + literal(sessionId)
        + " AND \"site\" = "
        + literal(site)
        + " AND \"device\" = "
        + literal(device);
  }

  private static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  private Iterable<JsonNode> rows(String query) throws IOException {
    return sql.execute(query).path("dataset");
  }
}
