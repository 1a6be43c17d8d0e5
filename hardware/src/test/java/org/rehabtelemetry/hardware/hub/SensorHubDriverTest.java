package org.rehabtelemetry.hardware.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.hardware.RecordingListener;
import org.rehabtelemetry.hardware.fault.FaultKind;
import org.rehabtelemetry.hardware.fault.SensorHealth;
import org.rehabtelemetry.hardware.fault.SensorStatus;

class SensorHubDriverTest {
  private static final long TIMEOUT = 100_000_000L;
  private final RecordingListener listener = new RecordingListener();
  private final SensorHealth health = new SensorHealth("sensorHub", 1_000_000_000L, 0, listener);
  private final SensorHubDriver driver =
      new SensorHubDriver(HubStreams.VERTICALIZER_CHANNELS, health, listener, TIMEOUT);

  @Test
  void goodFrames_giveScaledReadingsInOrder() {
    feed(new HubStreams().loads(11_200, 13_900).loads(11_250, 13_850).bytes(), 1_000_000);
    assertEquals(List.of(11.2, 11.25), listener.values("loadLeftKg"));
    assertEquals(List.of(13.9, 13.85), listener.values("loadRightKg"));
    assertEquals(0, health.status().counts().size(), "no faults");
  }

  @Test
  void framesSplitByteByByte_decodeTheSame() {
    byte[] stream = new HubStreams().loads(1000, 2000).loads(3000, 4000).bytes();
    for (int i = 0; i < stream.length; i++) {
      driver.accept(stream, i, 1, 1_000_000 + i);
    }
    assertEquals(List.of(1.0, 3.0), listener.values("loadLeftKg"));
  }

  @Test
  void garbageBeforeAndBetweenFrames_isSkippedAndCounted() {
    byte[] stream =
        new HubStreams()
            .raw((byte) 0x00, (byte) 0xFF, (byte) 0x13)
            .loads(1000, 2000)
            .raw((byte) 0xA5, (byte) 0x00, (byte) 0x5A, (byte) 0x77)
            .loads(3000, 4000)
            .bytes();
    feed(stream, 1_000_000);
    assertEquals(List.of(1.0, 3.0), listener.values("loadLeftKg"));
    assertEquals(7, health.status().count(FaultKind.GARBAGE_BYTES));
  }

  @Test
  void crcError_dropsOnlyThatFrame() {
    byte[] bad = new HubStreams().loads(5000, 5000).bytes();
    bad[10] ^= 0x01;
    byte[] stream =
        new HubStreams().loads(1000, 2000).raw(bad).skipSeq(1).loads(3000, 4000).bytes();
    feed(stream, 1_000_000);
    assertEquals(List.of(1.0, 3.0), listener.values("loadLeftKg"));
    assertEquals(1, health.status().count(FaultKind.BAD_CRC));
  }

  @Test
  void impossibleLength_isRejectedAtOnce_andTheNextFrameIsFound() {
    byte[] header = {(byte) 0xA5, 0x5A, 0x01, 0x01, 0x00, 0x00, (byte) 0xFF, (byte) 0xFF};
    feed(new HubStreams().raw(header).loads(1000, 2000).bytes(), 1_000_000);
    assertEquals(List.of(1.0), listener.values("loadLeftKg"));
    assertEquals(1, health.status().count(FaultKind.BAD_LENGTH));
  }

  @Test
  void wrongVersion_isCounted() {
    byte[] frame = new HubStreams().loads(1000, 2000).bytes();
    frame[2] = 0x02;
    feed(new HubStreams().raw(frame).skipSeq(1).loads(3000, 4000).bytes(), 1_000_000);
    assertEquals(List.of(3.0), listener.values("loadLeftKg"));
    assertEquals(1, health.status().count(FaultKind.BAD_VERSION));
  }

  @Test
  void truncatedFrame_isDroppedAfterTheFrameTimeout() {
    byte[] frame = new HubStreams().loads(1000, 2000).bytes();
    driver.accept(frame, 0, frame.length - 4, 1_000_000);
    driver.idle(1_000_000 + TIMEOUT / 2);
    assertEquals(0, health.status().count(FaultKind.TRUNCATED), "still waiting");
    driver.idle(1_000_000 + TIMEOUT + 1);
    assertEquals(1, health.status().count(FaultKind.TRUNCATED));
    feed(new HubStreams().skipSeq(1).loads(3000, 4000).bytes(), 1_000_000 + 2 * TIMEOUT);
    assertEquals(List.of(3.0), listener.values("loadLeftKg"));
  }

  @Test
  void gapInFrameCounter_countsLostFrames() {
    feed(new HubStreams().loads(1000, 2000).skipSeq(3).loads(3000, 4000).bytes(), 1_000_000);
    assertEquals(3, health.status().count(FaultKind.LOST_FRAMES));
  }

  @Test
  void aStrayFrameNumberedBehind_isOutOfOrder_notSixtyFiveThousandLost() {
    HubStreams stream = new HubStreams().skipSeq(500).loads(1000, 2000);
    feed(stream.take(), 1_000_000);
    feed(new HubStreams().skipSeq(7).loads(9000, 9000).bytes(), 1_010_000);
    feed(stream.loads(3000, 4000).take(), 1_020_000);
    assertEquals(0, health.status().count(FaultKind.LOST_FRAMES));
    assertEquals(1, health.status().count(FaultKind.OUT_OF_ORDER));
  }

  @Test
  void aHubRestartedWithoutItsHello_isFollowed_afterTwoFrames() {
    feed(new HubStreams().skipSeq(500).loads(1000, 2000).bytes(), 1_000_000);
    feed(new HubStreams().loads(1000, 2000).loads(1000, 2000).loads(1000, 2000).bytes(), 1_010_000);
    assertEquals(0, health.status().count(FaultKind.LOST_FRAMES));
    assertEquals(2, health.status().count(FaultKind.OUT_OF_ORDER), "frames 0 and 1, then in step");
  }

  @Test
  void frameCounterWraps_withoutLoss() {
    HubStreams stream = new HubStreams().skipSeq(65_535);
    feed(stream.loads(1000, 2000).loads(3000, 4000).bytes(), 1_000_000);
    assertEquals(0, health.status().count(FaultKind.LOST_FRAMES));
  }

  @Test
  void valueOutsidePhysicalRange_isReportedNotRead_untilBackInRange() {
    feed(new HubStreams().loads(1000, 250_000).bytes(), 1_000_000);
    assertEquals(List.of(), listener.values("loadRightKg"));
    assertEquals(List.of(1.0), listener.values("loadLeftKg"), "the other channel still reads");
    SensorStatus status = health.status();
    assertTrue(status.isFaulted());
    assertEquals(FaultKind.OUT_OF_RANGE, status.cause());
    assertEquals("loadRightKg = 250.0 is outside its physical range -2.0..100.0", status.detail());

    feed(new HubStreams().skipSeq(1).loads(1000, 20_000).bytes(), 2_000_000);
    assertFalse(health.status().isFaulted());
    assertEquals(List.of(20.0), listener.values("loadRightKg"));
    assertEquals(2, listener.statuses.size(), "faulted once, recovered once: no flapping");
  }

  @Test
  void unknownChannelAndType_areCounted() {
    byte[] samples = HubFrameWriter.samples(5000, new int[] {9}, new int[] {1});
    feed(
        new HubStreams()
            .frame(HubFrame.TYPE_SAMPLES, samples)
            .frame(0x42, new byte[] {1, 2, 3})
            .bytes(),
        1_000_000);
    assertEquals(1, health.status().count(FaultKind.UNKNOWN_CHANNEL));
    assertEquals(1, health.status().count(FaultKind.UNKNOWN_TYPE));
  }

  @Test
  void malformedSamplesPayload_isCounted() {
    feed(new HubStreams().frame(HubFrame.TYPE_SAMPLES, new byte[] {0, 0, 0, 0, 3, 1}).bytes(), 1);
    assertEquals(1, health.status().count(FaultKind.BAD_PAYLOAD));
    assertEquals(0, listener.readings.size());
  }

  @Test
  void repeatedChannelInOneFrame_isCountedOnce() {
    byte[] samples = HubFrameWriter.samples(5000, new int[] {1, 1}, new int[] {1000, 2000});
    feed(new HubStreams().frame(HubFrame.TYPE_SAMPLES, samples).bytes(), 1_000_000);
    assertEquals(List.of(1.0), listener.values("loadLeftKg"));
    assertEquals(1, health.status().count(FaultKind.BAD_PAYLOAD));
  }

  @Test
  void hubReportsDisconnectedLoadCell_thenRecovery() {
    feed(
        new HubStreams()
            .frame(HubFrame.TYPE_CHANNEL_STATE, HubFrameWriter.channelState(2, 1))
            .bytes(),
        1);
    assertEquals(FaultKind.SENSOR_REPORTED, health.status().cause());
    assertEquals("the hub reports loadRightKg disconnected", health.status().detail());
    feed(
        new HubStreams()
            .skipSeq(1)
            .frame(HubFrame.TYPE_CHANNEL_STATE, HubFrameWriter.channelState(2, 0))
            .bytes(),
        2);
    assertFalse(health.status().isFaulted());
  }

  @Test
  void readingsUseTheHubClock_notTheJitteryArrivalTimes() {
    HubStreams hub = new HubStreams();
    feed(hub.loads(1, 1).take(), 50_000_000);
    feed(hub.loads(2, 2).take(), 64_000_000);
    feed(hub.loads(3, 3).take(), 75_500_000);
    long[] times =
        listener.readings.stream()
            .filter(r -> r.channel().equals("loadLeftKg"))
            .mapToLong(r -> r.nanos())
            .toArray();
    assertEquals(3, times.length);
    assertEquals(12_500_000L, times[1] - times[0], "12.5 ms apart, as the hub stamped them");
    assertEquals(12_500_000L, times[2] - times[1]);
  }

  @Test
  void hello_resetsFrameCounterWithoutCountingLoss() {
    feed(
        new HubStreams()
            .loads(1, 1)
            .skipSeq(100)
            .frame(HubFrame.TYPE_HELLO, HubFrameWriter.hello(1, 2, 12345, 4))
            .loads(2, 2)
            .bytes(),
        1_000_000);
    assertEquals(0, health.status().count(FaultKind.LOST_FRAMES));
    assertEquals(2, listener.values("loadLeftKg").size());
  }

  @Test
  void validData_clearsSilence() {
    health.checkSilence(2_000_000_000L);
    assertEquals(FaultKind.SILENT, health.status().cause());
    feed(new HubStreams().loads(1000, 1000).bytes(), 2_100_000_000L);
    assertFalse(health.status().isFaulted());
  }

  private void feed(byte[] bytes, long nanos) {
    driver.accept(Arrays.copyOf(bytes, bytes.length), 0, bytes.length, nanos);
  }
}
