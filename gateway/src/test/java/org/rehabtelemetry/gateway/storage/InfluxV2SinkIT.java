package org.rehabtelemetry.gateway.storage;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The v2 write path (influxdb-client-java, {@code /api/v2/write}) against the embedded QuestDB the
 * gateway itself runs, reading back with SQL.
 */
class InfluxV2SinkIT {
  @TempDir Path dir;
  private EmbeddedQuestDb questDb;
  private InfluxV2Sink sink;
  private QuestDbSql sql;

  @BeforeEach
  void start() throws Exception {
    questDb = EmbeddedQuestDb.start(dir.resolve("questdb"), 0);
    sink = new InfluxV2Sink(questDb.url(), "rehab", "rehab", null, Duration.ofSeconds(5));
    sql = new QuestDbSql(questDb.url(), Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    if (sink != null) {
      sink.close();
    }
    if (questDb != null) {
      questDb.close();
    }
  }

  @Test
  void batch_isStored_readsBack_andARedeliveryOverwritesInsteadOfDuplicating() throws Exception {
    List<Point> points = PointMapper.points("ward-b", SinkFixtures.batch(7));
    assertEquals(Optional.empty(), sink.write(points));
    assertEquals(Optional.empty(), sink.write(points), "redelivered");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> count("SELECT count() FROM \"batch\"") == 1 && count(samplesQuery()) == 200);
    // The write-ahead log is applied by now; a late duplicate would have shown up as 400.
    assertEquals(200, count(samplesQuery()), "200 samples, not 400");
    JsonNode rows =
        sql.execute(
                "SELECT timestamp, value, unit FROM \"sample\" WHERE \"session\" = 'S1'"
                    + " AND channel = 'tiltDeg' ORDER BY timestamp LIMIT 2")
            .path("dataset");
    assertEquals("2026-11-23T09:15:30.250000Z", rows.get(0).get(0).asText());
    assertEquals(0.0, rows.get(0).get(1).asDouble());
    assertEquals("deg", rows.get(0).get(2).asText());
    assertEquals("2026-11-23T09:15:30.262500Z", rows.get(1).get(0).asText());
    assertEquals(0.5, rows.get(1).get(1).asDouble());
    assertEquals(
        Optional.of(bits(7)),
        new QuestDbSeqQuery(questDb.url(), Duration.ofSeconds(5)).storedSeqs("S1"));
  }

  @Test
  void fieldTypeConflict_isADeadLetterWithTheServersReason() {
    Optional<WriteFailure> failure =
        sink.write(
            List.of(
                new Point(
                    "sample",
                    Map.of("device", "vert-01", "session", "S2", "channel", "hrBpm"),
                    Map.of("value", "not a number"),
                    1_795_425_330_250_000L)));
    assertTrue(failure.isPresent(), "a string into the DOUBLE column value is refused");
    assertFalse(failure.get().retry(), "the data is refused: dead letter, " + failure.get());
    assertTrue(failure.get().reason().contains("value"), failure.get().reason());
  }

  @Test
  void storeDown_isRetried() {
    questDb.close();
    Optional<WriteFailure> failure =
        sink.write(List.of(new Point("m", Map.of(), Map.of("v", 1.0), 1)));
    assertTrue(failure.isPresent() && failure.get().retry(), failure.toString());
  }

  @Test
  void dataSurvivesARestartOfTheEmbeddedStore() throws Exception {
    assertEquals(Optional.empty(), sink.write(PointMapper.points("ward-b", SinkFixtures.batch(7))));
    await().atMost(Duration.ofSeconds(20)).until(() -> count(samplesQuery()) == 200);
    sink.close();
    questDb.close();
    questDb = EmbeddedQuestDb.start(dir.resolve("questdb"), 0);
    sink = new InfluxV2Sink(questDb.url(), "rehab", "rehab", null, Duration.ofSeconds(5));
    sql = new QuestDbSql(questDb.url(), Duration.ofSeconds(5));
    assertEquals(Optional.empty(), sink.write(PointMapper.points("ward-b", SinkFixtures.batch(7))));
    await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count() FROM \"batch\"") == 1);
    assertEquals(200, count(samplesQuery()), "kept, and the redelivery after restart deduplicated");
  }

  private static String samplesQuery() {
    return "SELECT count() FROM \"sample\" WHERE \"session\" = 'S1'";
  }

  private long count(String query) throws Exception {
    return sql.execute(query).path("dataset").get(0).get(0).asLong();
  }

  private static BitSet bits(int... seqs) {
    BitSet set = new BitSet();
    for (int seq : seqs) {
      set.set(seq);
    }
    return set;
  }
}
