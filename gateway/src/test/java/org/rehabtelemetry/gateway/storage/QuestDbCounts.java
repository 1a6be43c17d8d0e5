package org.rehabtelemetry.gateway.storage;

import java.time.Duration;
import org.rehabtelemetry.gateway.storage.questdb.EmbeddedQuestDb;
import org.rehabtelemetry.gateway.storage.questdb.QuestDbSql;

/** Counts in the embedded store, for its tests. */
final class QuestDbCounts {
  private QuestDbCounts() {}

  static long samples(OpenStore store, String session) {
    String url = ((EmbeddedQuestDb) store.resources()).url();
    try {
      return new QuestDbSql(url, Duration.ofSeconds(5))
          .execute("SELECT count() FROM \"sample\" WHERE \"session\" = '" + session + "'")
          .path("dataset")
          .get(0)
          .get(0)
          .asLong();
    } catch (java.io.IOException e) {
      return -1;
    }
  }
}
