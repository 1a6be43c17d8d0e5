package org.rehabtelemetry.hardware.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.hardware.RecordingListener;
import org.rehabtelemetry.hardware.fault.FaultKind;
import org.rehabtelemetry.hardware.fault.SensorHealth;

/**
 * Random and mutated byte streams into the sensor-hub driver. Properties: it never throws; its
 * buffer stays bounded; every reading it emits is in range and on a mapped channel; and frames
 * separated by garbage that holds no sync byte are all recovered exactly. Seeded, so a failure
 * reproduces.
 */
class SensorHubFuzzTest {
  private static final long SEED = 0x5EED_4B1DL;
  private static final int MAX_PENDING = 2 * (8 + 512 + 2) + 4096;

  @Test
  void randomAndMutatedStreams_neverThrow_stayBounded_emitOnlyValidReadings() {
    assertTimeoutPreemptively(Duration.ofMinutes(2), () -> fuzz(new Random(SEED)));
  }

  private void fuzz(Random random) {
    long totalBytes = 0;
    for (int round = 0; round < 3_000; round++) {
      RecordingListener listener = new RecordingListener();
      SensorHealth health = new SensorHealth("hub", 1_000_000_000L, 0, listener);
      SensorHubDriver driver =
          new SensorHubDriver(HubStreams.VERTICALIZER_CHANNELS, health, listener, 100_000_000L);
      byte[] stream = HubFuzzInputs.stream(random);
      long now = 0;
      for (int at = 0; at < stream.length; ) {
        int chunk = Math.min(stream.length - at, 1 + random.nextInt(64));
        now += random.nextInt(30_000_000);
        driver.accept(stream, at, chunk, now);
        if (random.nextInt(8) == 0) {
          now += 200_000_000;
          driver.idle(now);
        }
        at += chunk;
        totalBytes += chunk;
      }
      listener.readings.forEach(
          r -> {
            assertTrue(r.channel().equals("loadLeftKg") || r.channel().equals("loadRightKg"));
            assertTrue(r.value() >= -2 && r.value() <= 100, "in range: " + r);
          });
    }
    System.out.printf("hub fuzz: 3000 streams, %d bytes, no exception%n", totalBytes);
  }

  @Test
  void framesSeparatedBySyncFreeGarbage_areAllRecovered() {
    Random random = new Random(SEED + 1);
    for (int round = 0; round < 500; round++) {
      RecordingListener listener = new RecordingListener();
      SensorHealth health = new SensorHealth("hub", 1_000_000_000L, 0, listener);
      SensorHubDriver driver =
          new SensorHubDriver(HubStreams.VERTICALIZER_CHANNELS, health, listener, 100_000_000L);
      HubStreams hub = new HubStreams();
      List<Double> expected = new ArrayList<>();
      int frames = 1 + random.nextInt(30);
      for (int f = 0; f < frames; f++) {
        byte[] garbage = new byte[random.nextInt(40)];
        for (int g = 0; g < garbage.length; g++) {
          garbage[g] = (byte) (random.nextInt(0xA5));
        }
        int grams = random.nextInt(100_000);
        hub.raw(garbage).loads(grams, 0);
        expected.add(grams / 1000.0);
      }
      byte[] stream = hub.bytes();
      driver.accept(stream, 0, stream.length, 1_000_000_000L);
      assertEquals(expected, listener.values("loadLeftKg"));
      assertEquals(0, health.status().count(FaultKind.BAD_CRC));
    }
  }

  @Test
  void endlessGarbage_keepsTheBufferBounded() {
    Random random = new Random(SEED + 2);
    RecordingListener listener = new RecordingListener();
    SensorHealth health = new SensorHealth("hub", 1_000_000_000L, 0, listener);
    SensorHubDriver driver =
        new SensorHubDriver(HubStreams.VERTICALIZER_CHANNELS, health, listener, 100_000_000L);
    HubFrameParser parser = new HubFrameParser(health, (frame, nanos) -> {}, 100_000_000L);
    byte[] chunk = new byte[4096];
    for (int i = 0; i < 2_000; i++) {
      random.nextBytes(chunk);
      driver.accept(chunk, 0, chunk.length, i * 1_000_000L);
      parser.accept(chunk, 0, chunk.length, i * 1_000_000L);
      assertTrue(parser.pendingBytes() <= MAX_PENDING, "pending " + parser.pendingBytes());
    }
    assertTrue(health.status().count(FaultKind.GARBAGE_BYTES) > 0);
  }
}
