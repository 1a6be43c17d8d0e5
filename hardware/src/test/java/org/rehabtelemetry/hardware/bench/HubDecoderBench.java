package org.rehabtelemetry.hardware.bench;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.rehabtelemetry.hardware.fault.SensorHealth;
import org.rehabtelemetry.hardware.hub.HubChannel;
import org.rehabtelemetry.hardware.hub.HubFrame;
import org.rehabtelemetry.hardware.hub.HubFrameWriter;
import org.rehabtelemetry.hardware.hub.SensorHubDriver;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.hardware.profile.DeviceProfiles;
import org.rehabtelemetry.hardware.profile.Wiring;
import org.rehabtelemetry.protocol.DeviceKind;

/**
 * Sensor-hub decoder throughput in frames per second, against the highest hub frame rate any
 * built-in profile needs. Feeds pre-built streams in 4 KiB chunks, as the serial reader does, to
 * the full driver (parse, CRC, scale, range check, timestamp, emit). Prints figures; asserts
 * nothing. Run with {@code scripts/bench-hardware}.
 */
public final class HubDecoderBench {
  private static final int FRAMES = 200_000;
  private static final int WARMUP_ROUNDS = 5;
  private static final int ROUNDS = 10;

  private HubDecoderBench() {}

  public static void main(String[] args) {
    double needed = highestHubFrameRate();
    List<HubChannel> channels = new ArrayList<>();
    for (int id = 1; id <= 5; id++) {
      channels.add(new HubChannel(id, "ch" + id, 0.001, -1e6, 1e6));
    }
    run("2-channel frames (verticalizer load cells)", stream(2, 0), channels, needed);
    run("5-channel frames (movement trainer)", stream(5, 0), channels, needed);
    run("5-channel frames, 1% corrupted + noise", stream(5, 0.01), channels, needed);
  }

  private static void run(String name, byte[] stream, List<HubChannel> channels, double needed) {
    long[] sink = new long[1];
    double[] rates = new double[ROUNDS];
    for (int round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
      SensorHealth health = new SensorHealth("bench", Long.MAX_VALUE, 0, status -> {});
      SensorHubDriver driver =
          new SensorHubDriver(channels, health, reading -> sink[0] += reading.nanos(), 1L << 60);
      long start = System.nanoTime();
      long now = 0;
      for (int at = 0; at < stream.length; at += 4096) {
        now += 1_000_000;
        driver.accept(stream, at, Math.min(4096, stream.length - at), now);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (round >= WARMUP_ROUNDS) {
        rates[round - WARMUP_ROUNDS] = FRAMES / seconds;
      }
    }
    Arrays.sort(rates);
    double median = rates[ROUNDS / 2];
    System.out.printf(
        "%-42s median %,12.0f frames/s (min %,.0f, max %,.0f), %.1f MB/s; %,.0fx the %.0f frames/s"
            + " the profiles need (checksum %d)%n",
        name,
        median,
        rates[0],
        rates[ROUNDS - 1],
        median * stream.length / FRAMES / 1e6,
        median / needed,
        needed,
        sink[0] & 0xF);
  }

  /** The highest sample rate of any hub-fed channel in the built-in profiles: frames/s needed. */
  private static double highestHubFrameRate() {
    double highest = 0;
    for (DeviceKind kind : DeviceProfiles.builtInKinds()) {
      DeviceProfile profile = DeviceProfiles.builtIn(kind);
      for (Wiring.HubMapping mapping :
          profile.wiring().sensorHub().map(Wiring.SensorHub::channels).orElse(List.of())) {
        double hz = profile.requireChannel(mapping.channel()).sampleHz();
        if (hz > highest) {
          highest = hz;
          System.out.printf(
              "highest hub rate so far: %s %s %.0f Hz%n", kind.wireName(), mapping.channel(), hz);
        }
      }
    }
    return highest;
  }

  private static byte[] stream(int channelsPerFrame, double corruptFraction) {
    Random random = new Random(42);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int[] ids = new int[channelsPerFrame];
    int[] raw = new int[channelsPerFrame];
    for (int c = 0; c < channelsPerFrame; c++) {
      ids[c] = c + 1;
    }
    long hubMicros = 0;
    for (int f = 0; f < FRAMES; f++) {
      hubMicros += 12_500;
      for (int c = 0; c < channelsPerFrame; c++) {
        raw[c] = 10_000 + random.nextInt(5_000);
      }
      byte[] frame =
          HubFrameWriter.frame(
              HubFrame.TYPE_SAMPLES, f, HubFrameWriter.samples(hubMicros, ids, raw));
      if (random.nextDouble() < corruptFraction) {
        frame[frame.length - 3] ^= 0x10;
        out.write(random.nextInt(256));
      }
      out.write(frame, 0, frame.length);
    }
    return out.toByteArray();
  }
}
