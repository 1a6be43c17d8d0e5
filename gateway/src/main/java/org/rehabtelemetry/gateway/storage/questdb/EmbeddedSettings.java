package org.rehabtelemetry.gateway.storage.questdb;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.rehabtelemetry.gateway.storage.OpenStore;
import org.rehabtelemetry.gateway.storage.StoreSettings;
import org.rehabtelemetry.gateway.storage.influxv2.InfluxV2Sink;

/**
 * QuestDB inside the gateway, written through the v2 API: the default ({@code storage.kind:
 * embedded}, or no storage section), needs nothing installed.
 *
 * @param dataDir its data directory
 * @param consolePort its loopback HTTP port (writes, SQL, web console); 0 for any free port
 * @param consolePassword the password of its HTTP API and console (user {@value
 *     EmbeddedQuestDb#USER}) from {@code storage.consolePasswordFile}, or null for a random one per
 *     run that only the gateway knows; never logged
 */
// The password is a char[] so it never becomes a String in a log; nothing compares settings.
@SuppressWarnings("ArrayRecordComponent")
public record EmbeddedSettings(Path dataDir, int consolePort, char[] consolePassword)
    implements StoreSettings {

  /** Settings with a random per-run password. */
  public EmbeddedSettings(Path dataDir, int consolePort) {
    this(dataDir, consolePort, null);
  }

  @Override
  public String toString() {
    return "EmbeddedSettings[" + dataDir + ", port " + consolePort + "]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EmbeddedSettings that
        && dataDir.equals(that.dataDir)
        && consolePort == that.consolePort
        && java.util.Arrays.equals(consolePassword, that.consolePassword);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(dataDir, consolePort);
  }

  @Override
  public String kind() {
    return "embedded";
  }

  /** Starts QuestDB (about 2 s) and opens the store on it. */
  @Override
  public OpenStore open() throws IOException {
    EmbeddedQuestDb db =
        consolePassword == null
            ? EmbeddedQuestDb.start(dataDir, consolePort)
            : EmbeddedQuestDb.start(dataDir, consolePort, consolePassword);
    Duration timeout = Duration.ofSeconds(10);
    return new OpenStore(
        new InfluxV2Sink(db.url(), "rehab", "rehab", null, timeout, db.authorization()),
        new QuestDbSeqQuery(db.sql(timeout)),
        db,
        "the embedded QuestDB store in "
            + db.dataDir()
            + " (no InfluxDB configured; SQL console on "
            + db.url()
            + " as "
            + EmbeddedQuestDb.USER
            + (consolePassword == null
                ? " with a password made for this run, so only the gateway can use it)"
                : " with the password in storage.consolePasswordFile)"),
        Optional.of(new QuestDbArchive(db.sql(timeout))));
  }
}
