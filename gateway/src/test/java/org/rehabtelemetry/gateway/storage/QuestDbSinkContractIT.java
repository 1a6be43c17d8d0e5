package org.rehabtelemetry.gateway.storage;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.gateway.storage.questdb.EmbeddedSettings;

/**
 * The v2 write path (influxdb-client-java, {@code /api/v2/write}) and the SQL sequence query
 * against the embedded QuestDB the gateway itself runs.
 */
class QuestDbSinkContractIT extends TimeSeriesSinkContract {
  @TempDir Path dir;
  private OpenStore store;

  @BeforeEach
  void open() throws Exception {
    store = new EmbeddedSettings(dir.resolve("questdb"), 0).open();
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  @Override
  protected TimeSeriesSink sink() {
    return store.sink();
  }

  @Override
  protected SeqQuery seqQuery() {
    return store.seqQuery();
  }

  @Override
  protected long samples(String session) {
    return QuestDbCounts.samples(store, session);
  }

  /** Stops the embedded server, keeping the sink's client as the gateway would. */
  @Override
  protected void stopStore() throws Exception {
    store.resources().close();
  }

  @Test
  void dataSurvivesARestartOfTheEmbeddedStore_andARedeliveryAfterItIsDeduplicated()
      throws Exception {
    Lines lines = LineEncoder.encode("ward-b", SinkFixtures.batch(7));
    assertEquals(Optional.empty(), store.sink().write(lines));
    await().atMost(Duration.ofSeconds(20)).until(() -> samples("S1") == 200);
    store.close();
    store = new EmbeddedSettings(dir.resolve("questdb"), 0).open();
    assertEquals(Optional.empty(), store.sink().write(lines));
    await()
        .pollDelay(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(20))
        .until(() -> samples("S1") == 200);
    assertEquals(200, samples("S1"), "kept, and the redelivery after the restart deduplicated");
  }
}
