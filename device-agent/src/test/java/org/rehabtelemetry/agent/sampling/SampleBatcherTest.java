package org.rehabtelemetry.agent.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.agent.time.Timebase;
import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.hardware.fake.FakeClock;
import org.rehabtelemetry.hardware.profile.DeviceProfiles;
import org.rehabtelemetry.protocol.ChannelSamples;
import org.rehabtelemetry.protocol.DeviceKind;

class SampleBatcherTest {
  private final FakeClock clock = new FakeClock(0);
  private final Timebase timebase =
      new Timebase(
          Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC),
          clock,
          Duration.ofSeconds(1));
  private final SampleBatcher batcher =
      new SampleBatcher(DeviceProfiles.builtIn(DeviceKind.VERTICALIZER), timebase);

  @Test
  void tiltAt50Hz_isPublishedAt10Hz_asTheMeanOfEachWindow() {
    for (int i = 1; i <= 50; i++) {
      batcher.add(new Reading("tiltDeg", i, i * 20_000_000L));
    }
    batcher.closeWindows();
    SampleBatcher.Batch batch = batcher.take();
    ChannelSamples tilt = batch.channels().get(0);
    assertEquals("tiltDeg", tilt.channel());
    assertEquals(11, tilt.size(), "windows [0,100) .. [1000,1100) ms");
    assertEquals(2.5, tilt.value(0), "readings 1..4 in the first window");
    assertEquals(7.0, tilt.value(1), "readings 5..9");
  }

  @Test
  void loadsAtFullRate_keepEveryReading_withMicrosecondOffsets() {
    batcher.add(new Reading("loadLeftKg", 10, 12_500_000L));
    batcher.add(new Reading("loadLeftKg", 11, 25_000_000L));
    SampleBatcher.Batch batch = batcher.take();
    assertEquals(1_795_424_400_012_500L, batch.t0Us(), "09:00:00.0125 in microseconds");
    assertArrayEquals(new long[] {0, 12_500}, batch.channels().get(0).offsetsUs());
    assertNull(batcher.take(), "taken");
  }

  @Test
  void undeclaredChannel_isIgnored() {
    batcher.add(new Reading("unknown", 1, 1));
    assertNull(batcher.take());
  }
}
