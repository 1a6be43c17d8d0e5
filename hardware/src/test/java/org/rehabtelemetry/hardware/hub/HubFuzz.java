package org.rehabtelemetry.hardware.hub;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.hardware.RecordingListener;
import org.rehabtelemetry.hardware.fault.SensorHealth;

/**
 * The sensor-hub decoder's fuzz run at scale: {@code HubFuzz [streams] [seed]} (default 1,000,000)
 * feeds generated streams ({@link HubFuzzInputs}) in random chunks with idle gaps into a fresh
 * driver each. A crash is an exception, a reading on an unmapped channel or outside its range, or
 * the parser holding more than its bound; a hang is a stream over 1 s. Prints them and the slowest
 * stream, with its base64. Exit 0 with none, 1 otherwise. Run with {@code scripts/fuzz}.
 */
public final class HubFuzz {
  private static final long HANG_NANOS = 1_000_000_000L;
  private static final int MAX_PENDING = 2 * (8 + 512 + 2) + 4096;

  private HubFuzz() {}

  public static void main(String[] args) {
    long count = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 0x5EED_4B1DL;
    Random random = new Random(seed);
    List<String> crashes = new ArrayList<>();
    long crashCount = 0;
    long hangs = 0;
    long bytes = 0;
    long readings = 0;
    long slowestNanos = 0;
    byte[] slowest = new byte[0];
    long start = System.nanoTime();
    for (long i = 0; i < count; i++) {
      byte[] stream = HubFuzzInputs.stream(random);
      bytes += stream.length;
      long began = System.nanoTime();
      String problem;
      try {
        RecordingListener listener = new RecordingListener();
        problem = feed(stream, random, listener);
        readings += listener.readings.size();
      } catch (RuntimeException | Error e) {
        problem = "threw " + e;
      }
      long nanos = System.nanoTime() - began;
      if (problem != null) {
        crashCount++;
        if (crashes.size() < 10) {
          crashes.add("stream " + i + ": " + problem + "; " + base64(stream));
        }
      }
      if (nanos > HANG_NANOS) {
        hangs++;
        System.out.printf("hang: stream %d took %.1f s: %s%n", i, nanos / 1e9, base64(stream));
      }
      if (nanos > slowestNanos) {
        slowestNanos = nanos;
        slowest = stream;
      }
    }
    System.out.printf(
        "hub fuzz: %,d streams (seed %d), %,d bytes in %.1f s, %,d readings emitted%n",
        count, seed, bytes, (System.nanoTime() - start) / 1e9, readings);
    System.out.printf(
        "  crashes %d, hangs (over %.0f s) %d%n", crashCount, HANG_NANOS / 1e9, hangs);
    crashes.forEach(c -> System.out.println("  crash " + c));
    System.out.printf(
        "  slowest stream %.2f ms, %d bytes: %s%n",
        slowestNanos / 1e6, slowest.length, base64(slowest));
    System.exit(crashCount == 0 && hangs == 0 ? 0 : 1);
  }

  /** Feeds one stream; returns what was wrong, or null. */
  private static String feed(byte[] stream, Random random, RecordingListener listener) {
    SensorHealth health = new SensorHealth("hub", 1_000_000_000L, 0, listener);
    SensorHubDriver driver =
        new SensorHubDriver(HubStreams.VERTICALIZER_CHANNELS, health, listener, 100_000_000L);
    HubFrameParser parser = new HubFrameParser(health, (frame, nanos) -> {}, 100_000_000L);
    long now = 0;
    for (int at = 0; at < stream.length; ) {
      int chunk = Math.min(stream.length - at, 1 + random.nextInt(64));
      now += random.nextInt(30_000_000);
      driver.accept(stream, at, chunk, now);
      parser.accept(stream, at, chunk, now);
      if (parser.pendingBytes() > MAX_PENDING) {
        return "the parser holds " + parser.pendingBytes() + " bytes";
      }
      if (random.nextInt(8) == 0) {
        now += 200_000_000;
        driver.idle(now);
      }
      at += chunk;
    }
    for (Reading r : listener.readings) {
      boolean mapped = r.channel().equals("loadLeftKg") || r.channel().equals("loadRightKg");
      if (!mapped || r.value() < -2 || r.value() > 100) {
        return "emitted " + r;
      }
    }
    return null;
  }

  private static String base64(byte[] stream) {
    return "(base64) " + Base64.getEncoder().encodeToString(stream);
  }
}
