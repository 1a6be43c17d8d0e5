package org.rehabtelemetry.gateway.storage;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.BitSet;
import java.util.Optional;
import org.rehabtelemetry.gateway.session.SeqQuery;

/**
 * Asks QuestDB (the embedded store) which seqs of a session are stored, across the tables that
 * carry one. QuestDB applies its write-ahead log a moment after a write is acknowledged, so a seq
 * can show up here shortly after its write; the completeness recorder re-checks. Thread-safe.
 */
public final class QuestDbSeqQuery implements SeqQuery {
  private final QuestDbSql sql;

  public QuestDbSeqQuery(String url, Duration timeout) {
    this.sql = new QuestDbSql(url, timeout);
  }

  @Override
  public Optional<BitSet> storedSeqs(String sessionId) {
    String session = "'" + sessionId.replace("'", "''") + "'";
    StringBuilder query = new StringBuilder();
    for (String table : new String[] {"batch", "session_event", "alarm", "session_summary"}) {
      if (!query.isEmpty()) {
        query.append(" UNION ALL ");
      }
      query
          .append("SELECT \"seq\" FROM \"")
          .append(table)
          .append("\" WHERE \"session\" = ")
          .append(session)
          .append(" AND \"seq\" IS NOT NULL");
    }
    try {
      BitSet seqs = new BitSet();
      for (JsonNode row : sql.execute(query.toString()).path("dataset")) {
        JsonNode seq = row.get(0);
        if (seq != null && seq.canConvertToInt() && seq.asLong() >= 0) {
          seqs.set(seq.asInt());
        }
      }
      return Optional.of(seqs);
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
