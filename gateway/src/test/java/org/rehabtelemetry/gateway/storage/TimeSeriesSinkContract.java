package org.rehabtelemetry.gateway.storage;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.protocol.ChannelSamples;
import org.rehabtelemetry.protocol.Header;
import org.rehabtelemetry.protocol.LostRecords;
import org.rehabtelemetry.protocol.SampleBatch;
import org.rehabtelemetry.protocol.SeqRange;
import org.rehabtelemetry.protocol.SessionRef;

/**
 * What every {@link TimeSeriesSink} with its {@link SeqQuery} must do, run against the fake ({@link
 * FakeSinkContractTest}), Debian's influxd ({@code InfluxV1SinkContractIT}) and the embedded
 * QuestDB through the v2 API ({@code QuestDbSinkContractIT}).
 */
abstract class TimeSeriesSinkContract {
  protected abstract TimeSeriesSink sink();

  protected abstract SeqQuery seqQuery();

  /** How many samples of the session the store holds now. */
  protected abstract long samples(String session) throws Exception;

  /** Makes the store unreachable. */
  protected abstract void stopStore() throws Exception;

  @Test
  void aBatch_isStored_andARedeliveryOverwritesItselfInsteadOfDuplicating() throws Exception {
    Lines lines = LineEncoder.encode("ward-b", SinkFixtures.batch(7));
    assertEquals(201, lines.points(), "200 samples and the batch's own point");
    assertEquals(Optional.empty(), sink().write(lines));
    assertEquals(Optional.empty(), sink().write(lines), "redelivered");
    await().atMost(Duration.ofSeconds(20)).until(() -> samples("S1") == 200);
    assertEquals(200, samples("S1"), "200 samples, not 400");
  }

  @Test
  void theSeqQuery_findsTheSessionsSeqsInEveryMeasurement_thoughAlarmKeepsSessionAsAField()
      throws Exception {
    long t = SinkFixtures.T0_US;
    Lines lines =
        lines(
            new Point(
                "session_event",
                Map.of("site", "ward-b", "device", "vert-01", "session", "S1", "event", "started"),
                Map.of("seq", 0L),
                t),
            new Point(
                "batch",
                Map.of("site", "ward-b", "device", "vert-01", "session", "S1"),
                Map.of("seq", 1L),
                t),
            new Point(
                "alarm",
                Map.of("site", "ward-b", "device", "vert-01", "code", "HR_HIGH"),
                Map.of("seq", 2L, "session", "S1", "message", "high"),
                t),
            new Point(
                "session_summary",
                Map.of("site", "ward-b", "device", "vert-01", "session", "S1"),
                Map.of("seq", 3L),
                t));
    assertEquals(Optional.empty(), sink().write(lines));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> seqs("S1").equals(new TreeSet<>(List.of(0L, 1L, 2L, 3L))));
  }

  @Test
  void twoBatchesStartingAtOneInstant_bothSeqsAreFound() throws Exception {
    // A batch taken between two channels' readings of one instant: the next starts there too.
    SampleBatch first = SinkFixtures.batch(1);
    SampleBatch second =
        new SampleBatch(
            first.header(),
            new SessionRef("S1", 2),
            first.t0Us(),
            List.of(
                new ChannelSamples(
                    "loadRightKg", "kg", new long[] {0, 12_500}, new double[] {10.9, 11.0})));
    assertEquals(Optional.empty(), sink().write(LineEncoder.encode("ward-b", first)));
    assertEquals(Optional.empty(), sink().write(LineEncoder.encode("ward-b", second)));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> samples("S1") == 202 && seqs("S1").equals(new TreeSet<>(List.of(1L, 2L))));
  }

  @Test
  void theExplanations_ofASessionsMissingSeqs_areFoundWhoeverStoredThem() throws Exception {
    Instant evictedAt = Instant.parse("2026-11-23T09:31:17Z");
    Lines lost =
        LineEncoder.encode(
            "ward-b",
            new LostRecords(
                new Header("vert-01", "b1", evictedAt.plusSeconds(60)),
                "S1",
                List.of(new SeqRange(12, 40), new SeqRange(57, 57)),
                evictedAt,
                "size limit 1048576 bytes reached"));
    long refusedAt = SinkFixtures.T0_US / 1_000_000L * 1_000_000L;
    Lines refused =
        lines(
            new Point(
                "session_refused",
                Map.of("site", "ward-b", "device", "vert-01", "gateway", "g1"),
                Map.of("session", "S1", "seq", 5L, "reason", "t0Us is 1970-01-01T00:00:01Z"),
                refusedAt + 5),
            new Point(
                "session_refused",
                Map.of("site", "ward-b", "device", "vert-01", "gateway", "g1"),
                Map.of("session", "S2", "seq", 6L, "reason", "another session"),
                refusedAt + 6),
            new Point(
                "session_refused",
                Map.of("site", "ward-b", "device", "vert-02", "gateway", "g1"),
                Map.of("session", "S1", "seq", 7L, "reason", "another device naming S1"),
                refusedAt + 7));
    assertEquals(Optional.empty(), sink().write(lost));
    assertEquals(Optional.empty(), sink().write(refused));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              List<SeqQuery.StoredLost> lostFound = new ArrayList<>();
              List<SeqQuery.StoredRefusal> refusedFound = new ArrayList<>();
              assertTrue(
                  seqQuery()
                      .explanations("ward-b", "vert-01", "S1", lostFound::add, refusedFound::add));
              return lostFound.equals(
                      List.of(
                          new SeqQuery.StoredLost(
                              "12-40,57", evictedAt, "size limit 1048576 bytes reached")))
                  && refusedFound.equals(
                      List.of(new SeqQuery.StoredRefusal(5, "t0Us is 1970-01-01T00:00:01Z")));
            });
    TreeSet<Long> stored = new TreeSet<>();
    assertTrue(seqQuery().storedSeqs("ward-b", "vert-01", "S1", stored::add));
    assertEquals(new TreeSet<>(), stored, "an explanation is not a stored seq");
  }

  @Test
  void aFieldTypeConflict_isRefusedAsBadData_notRetried() {
    assertEquals(
        Optional.empty(),
        sink().write(lines(new Point("sample", Map.of("device", "x"), Map.of("value", 1.0), 1))));
    Optional<WriteFailure> failure =
        sink().write(lines(new Point("sample", Map.of("device", "x"), Map.of("value", "text"), 2)));
    assertTrue(failure.isPresent());
    assertFalse(failure.get().retry(), "the data is refused: dead letter, " + failure.get());
  }

  @Test
  void aStoreThatIsDown_isRetried() throws Exception {
    stopStore();
    Optional<WriteFailure> failure =
        sink().write(lines(new Point("m", Map.of("d", "x"), Map.of("v", 1.0), 1)));
    assertTrue(failure.isPresent() && failure.get().retry(), failure.toString());
  }

  private TreeSet<Long> seqs(String session) {
    TreeSet<Long> seqs = new TreeSet<>();
    assertTrue(seqQuery().storedSeqs("ward-b", "vert-01", session, seqs::add));
    return seqs;
  }

  static Lines lines(Point... points) {
    StringBuilder out = new StringBuilder();
    for (Point point : points) {
      LineProtocol.append(out, point);
    }
    return new Lines(out.toString(), points.length);
  }
}
