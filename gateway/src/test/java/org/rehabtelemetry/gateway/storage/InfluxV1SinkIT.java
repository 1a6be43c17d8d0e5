package org.rehabtelemetry.gateway.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rehabtelemetry.testsupport.InfluxdExtension;

/** The v1 write path against Debian's influxd, reading back with InfluxQL. */
class InfluxV1SinkIT {
  @RegisterExtension final InfluxdExtension influxd = new InfluxdExtension();

  @Test
  void batch_isStored_readsBack_andARedeliveryOverwritesInsteadOfDuplicating() {
    influxd.server().createDatabase("rehab");
    InfluxV1Sink sink =
        new InfluxV1Sink(influxd.server().url(), "rehab", null, null, Duration.ofSeconds(5));
    List<Point> points = PointMapper.points("ward-b", SinkFixtures.batch(1));
    assertEquals(Optional.empty(), sink.write(points));
    assertEquals(Optional.empty(), sink.write(points), "redelivered");
    String count =
        influxd.server().query("rehab", "SELECT count(value) FROM sample WHERE session='S1'");
    assertTrue(count.contains(",200]"), "200 samples, not 400: " + count);
    String values =
        influxd
            .server()
            .query(
                "rehab",
                "SELECT value FROM sample WHERE session='S1' AND channel='tiltDeg' LIMIT 2");
    assertTrue(
        values.contains("[\"2026-11-23T09:15:30.25Z\",0]")
            && values.contains("[\"2026-11-23T09:15:30.2625Z\",0.5]"),
        values);
  }

  @Test
  void fieldTypeConflict_isADeadLetterWithTheServersReason() {
    influxd.server().createDatabase("rehab");
    InfluxV1Sink sink =
        new InfluxV1Sink(influxd.server().url(), "rehab", null, null, Duration.ofSeconds(5));
    assertEquals(
        Optional.empty(),
        sink.write(List.of(new Point("m", Map.of("d", "x"), Map.of("v", 1.0), 1))));
    Optional<WriteFailure> failure =
        sink.write(List.of(new Point("m", Map.of("d", "x"), Map.of("v", "text"), 2)));
    assertTrue(failure.isPresent());
    assertFalse(failure.get().retry(), "the data is refused: dead letter");
    assertTrue(failure.get().reason().contains("field type conflict"), failure.get().reason());
  }

  @Test
  void seqQuery_findsTheSessionsSeqsInEveryMeasurement_thoughAlarmKeepsSessionAsAField() {
    influxd.server().createDatabase("rehab");
    InfluxV1Sink sink =
        new InfluxV1Sink(influxd.server().url(), "rehab", null, null, Duration.ofSeconds(5));
    long t = 1_795_425_330_250_000L;
    assertEquals(
        Optional.empty(),
        sink.write(
            List.of(
                new Point(
                    "session_event",
                    Map.of("device", "vert-01", "session", "S1", "event", "started"),
                    Map.of("seq", 0L),
                    t),
                new Point(
                    "batch", Map.of("device", "vert-01", "session", "S1"), Map.of("seq", 1L), t),
                new Point(
                    "alarm",
                    Map.of("device", "vert-01", "code", "HR_HIGH"),
                    Map.of("seq", 2L, "session", "S1", "message", "high"),
                    t),
                new Point(
                    "session_summary",
                    Map.of("device", "vert-01", "session", "S1"),
                    Map.of("seq", 3L),
                    t))));
    java.util.BitSet expected = new java.util.BitSet();
    expected.set(0, 4);
    assertEquals(
        Optional.of(expected),
        new InfluxV1SeqQuery(influxd.server().url(), "rehab", null, Duration.ofSeconds(5))
            .storedSeqs("S1"));
  }

  @Test
  void databaseDown_isRetried() {
    InfluxV1Sink sink =
        new InfluxV1Sink(influxd.server().url(), "rehab", null, null, Duration.ofSeconds(2));
    influxd.server().stop();
    Optional<WriteFailure> failure =
        sink.write(List.of(new Point("m", Map.of(), Map.of("v", 1.0), 1)));
    assertTrue(failure.isPresent() && failure.get().retry(), failure.toString());
  }
}
