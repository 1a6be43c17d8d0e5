package org.rehabtelemetry.gateway.storage.questdb;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.rehabtelemetry.gateway.storage.OpenStore;
import org.rehabtelemetry.gateway.storage.StoreSettings;
import org.rehabtelemetry.gateway.storage.influxv2.InfluxV2Sink;

/**
 * QuestDB inside the gateway, written through the v2 API: the default ({@code storage.kind:
 * embedded}, or no storage section), needs nothing installed.
 *
 * @param dataDir its data directory
 * @param consolePort its loopback HTTP port (writes, SQL, web console); 0 for any free port
 */
public record EmbeddedSettings(Path dataDir, int consolePort) implements StoreSettings {
  @Override
  public String kind() {
    return "embedded";
  }

  /** Starts QuestDB (about 2 s) and opens the store on it. */
  @Override
  public OpenStore open() throws IOException {
    EmbeddedQuestDb db = EmbeddedQuestDb.start(dataDir, consolePort);
    Duration timeout = Duration.ofSeconds(10);
    return new OpenStore(
        new InfluxV2Sink(db.url(), "rehab", "rehab", null, timeout),
        new QuestDbSeqQuery(new QuestDbSql(db.url(), timeout)),
        db,
        "the embedded QuestDB store in "
            + db.dataDir()
            + " (no InfluxDB configured; SQL console on "
            + db.url()
            + ")");
  }
}
