package org.rehabtelemetry.gateway.storage;

import java.time.Duration;
import org.rehabtelemetry.gateway.storage.questdb.EmbeddedQuestDb;

/** Counts in the embedded store, for its tests. */
final class QuestDbCounts {
  private QuestDbCounts() {}

  static long samples(OpenStore store, String session) {
    try {
      return ((EmbeddedQuestDb) store.resources())
          .sql(Duration.ofSeconds(5))
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
