package org.rehabtelemetry.gateway.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.protocol.AlarmEvent;
import org.rehabtelemetry.protocol.AlarmPriority;
import org.rehabtelemetry.protocol.AlarmState;
import org.rehabtelemetry.protocol.ChannelSamples;
import org.rehabtelemetry.protocol.Header;
import org.rehabtelemetry.protocol.LostRecords;
import org.rehabtelemetry.protocol.Metric;
import org.rehabtelemetry.protocol.SampleBatch;
import org.rehabtelemetry.protocol.SeqRange;
import org.rehabtelemetry.protocol.SessionEventType;
import org.rehabtelemetry.protocol.SessionRef;
import org.rehabtelemetry.protocol.SessionSummary;

class PointMapperTest {
  private static final Header HEADER =
      new Header("vert-01", "b1", Instant.parse("2026-11-23T09:15:30.250Z"));

  @Test
  void sampleBatch_givesOneLinePerSample_atItsExactTime() {
    SampleBatch batch =
        new SampleBatch(
            HEADER,
            new SessionRef("S1", 3),
            1_795_425_330_250_000L,
            List.of(
                new ChannelSamples(
                    "tiltDeg", "deg", new long[] {0, 100_000}, new double[] {44.8, 45.1})));
    Lines lines = LineEncoder.encode("ward-b", batch);
    assertEquals(3, lines.points(), "a batch point with its seq, then one point per sample");
    assertEquals(
        "batch,device=vert-01,session=S1,site=ward-b samples=2i,seq=3i,t0_us=1795425330250000i"
            + " 1795425330000003\n"
            + "sample,channel=tiltDeg,device=vert-01,session=S1,site=ward-b,unit=deg"
            + " value=44.8 1795425330250000\n"
            + "sample,channel=tiltDeg,device=vert-01,session=S1,site=ward-b,unit=deg"
            + " value=45.1 1795425330350000\n",
        lines.text());
    assertEquals(1, PointMapper.points("ward-b", batch).size(), "samples are not built as points");
  }

  @Test
  void twoBatchesStartingAtOneInstant_keepTheirOwnBatchPoints() {
    // A batch taken between two channels' readings of one instant: the next starts there too.
    long t0 = 1_795_425_330_405_665L;
    Point first = batchPoint(new SessionRef("S1", 1), t0);
    Point second = batchPoint(new SessionRef("S1", 2), t0);
    assertEquals(first.tags(), second.tags());
    assertNotEquals(first.timeMicros(), second.timeMicros(), "each seq has its own point identity");
    assertEquals(t0, first.fields().get("t0_us"), "the exact start is kept as a field");
    assertEquals(1_795_425_330_000_001L, first.timeMicros(), "the start's second, plus the seq");
    assertEquals(
        1_795_425_330_999_999L,
        PointMapper.batchTimeMicros(t0, 999_999),
        "the highest seq stays within the second");
    assertEquals(-1_000_000L + 7, PointMapper.batchTimeMicros(-1, 7), "floored, not truncated");
  }

  private static Point batchPoint(SessionRef ref, long t0Us) {
    return PointMapper.points(
            "ward-b",
            new SampleBatch(
                HEADER,
                ref,
                t0Us,
                List.of(new ChannelSamples("a", "kg", new long[] {0}, new double[] {1}))))
        .get(0);
  }

  @Test
  void redeliveredMessage_mapsToIdenticalPoints() {
    SampleBatch batch =
        new SampleBatch(
            HEADER,
            new SessionRef("S1", 3),
            5,
            List.of(new ChannelSamples("a", "kg", new long[] {0}, new double[] {1})));
    assertEquals(
        LineProtocol.encode(PointMapper.points("s", batch)),
        LineProtocol.encode(PointMapper.points("s", batch)));
  }

  @Test
  void alarm_isTaggedByCodePriorityAndState_andKeepsItsSession() {
    AlarmEvent alarm =
        new AlarmEvent(
            HEADER,
            new SessionRef("S1", 4),
            "A-1",
            AlarmState.RAISED,
            "HR_HIGH",
            AlarmPriority.MEDIUM,
            false,
            "heartRate",
            165.0,
            160.0,
            "Heart rate 165");
    String line = LineProtocol.encode(PointMapper.points("ward-b", alarm));
    assertTrue(
        line.startsWith(
            "alarm,channel=heartRate,code=HR_HIGH,device=vert-01,priority=medium,site=ward-b,state=raised "),
        line);
    assertTrue(line.contains("seq=4i") && line.contains("session=\"S1\""), line);
  }

  @Test
  void summary_recordsTheExpectedRecordCount() {
    SessionSummary summary =
        new SessionSummary(
            HEADER,
            new SessionRef("S1", 41),
            SessionEventType.STOPPED,
            HEADER.time(),
            HEADER.time().plusSeconds(60),
            Map.of("durationMin", new Metric(1, "min")));
    String line = LineProtocol.encode(PointMapper.points("ward-b", summary));
    assertTrue(line.contains("records_expected=42i"), line);
    assertTrue(line.contains("durationMin=1.0"), line);
  }

  @Test
  void lostAnswer_isASessionLostPoint_atItsEvictionTime_soARepeatOverwritesIt() {
    Instant evictedAt = Instant.parse("2026-11-23T09:31:17.112Z");
    LostRecords first =
        new LostRecords(
            HEADER,
            "S1",
            List.of(new SeqRange(12, 40), new SeqRange(57, 57)),
            evictedAt,
            "size limit 268435456 bytes reached");
    LostRecords again =
        new LostRecords(
            new Header(HEADER.deviceId(), HEADER.bootId(), HEADER.time().plusSeconds(10)),
            "S1",
            first.seqs(),
            evictedAt,
            first.reason());
    String line = LineProtocol.encode(PointMapper.points("ward-b", first));
    assertTrue(line.startsWith("session_lost,"), line);
    assertTrue(line.contains("session=S1"), line);
    assertTrue(line.contains("seqs=\"12-40,57\""), line);
    assertTrue(line.contains("count=30i"), line);
    assertTrue(line.contains(" 1795426277112000"), line);
    String repeat = LineProtocol.encode(PointMapper.points("ward-b", again));
    assertEquals(line.substring(line.lastIndexOf(' ')), repeat.substring(repeat.lastIndexOf(' ')));
  }
}
