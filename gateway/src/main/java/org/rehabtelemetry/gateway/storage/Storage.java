package org.rehabtelemetry.gateway.storage;

import java.io.IOException;
import java.time.Duration;
import org.rehabtelemetry.gateway.config.StorageSettings;
import org.rehabtelemetry.gateway.session.SeqQuery;

/**
 * The configured store, opened: where points go, how to ask it which seqs it holds, and (for the
 * embedded kind) the server running inside the gateway. Close it last.
 */
public final class Storage implements AutoCloseable {
  private final TimeSeriesSink sink;
  private final SeqQuery seqQuery;
  private final EmbeddedQuestDb embedded;

  private Storage(TimeSeriesSink sink, SeqQuery seqQuery, EmbeddedQuestDb embedded) {
    this.sink = sink;
    this.seqQuery = seqQuery;
    this.embedded = embedded;
  }

  /**
   * Opens the store the settings name. For the embedded kind this starts QuestDB (about 2 s).
   *
   * @throws IOException if the embedded store cannot start
   */
  public static Storage open(StorageSettings settings) throws IOException {
    if (settings instanceof StorageSettings.Embedded embedded) {
      EmbeddedQuestDb db = EmbeddedQuestDb.start(embedded.dataDir(), embedded.consolePort());
      Duration timeout = Duration.ofSeconds(10);
      return new Storage(
          new InfluxV2Sink(db.url(), "rehab", "rehab", null, timeout),
          new QuestDbSeqQuery(db.url(), timeout),
          db);
    }
    if (settings instanceof StorageSettings.InfluxV1 v1) {
      return new Storage(
          new InfluxV1Sink(v1.url(), v1.database(), v1.username(), v1.password(), v1.timeout()),
          new InfluxV1SeqQuery(
              v1.url(),
              v1.database(),
              InfluxV1Sink.basicAuthorization(v1.username(), v1.password()),
              v1.timeout()),
          null);
    }
    StorageSettings.InfluxV2 v2 = (StorageSettings.InfluxV2) settings;
    return new Storage(
        new InfluxV2Sink(v2.url(), v2.org(), v2.bucket(), v2.token(), v2.timeout()),
        // InfluxDB 2.x answers InfluxQL on /query for a bucket with a DBRP mapping.
        new InfluxV1SeqQuery(
            v2.url(),
            v2.bucket(),
            v2.token() == null ? null : "Token " + new String(v2.token()),
            v2.timeout()),
        null);
  }

  public TimeSeriesSink sink() {
    return sink;
  }

  public SeqQuery seqQuery() {
    return seqQuery;
  }

  /** A line for the start-up log, without secrets. */
  public String describe() {
    return embedded == null
        ? sink.describe()
        : "the embedded QuestDB store in "
            + embedded.dataDir()
            + " (no InfluxDB configured; SQL console on "
            + embedded.url()
            + ")";
  }

  @Override
  public void close() {
    sink.close();
    if (embedded != null) {
      embedded.close();
    }
  }
}
