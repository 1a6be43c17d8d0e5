package org.rehabtelemetry.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The wire decoder's fuzz run at scale: {@code WireFuzz [inputs] [seed]} (default 1,000,000 inputs)
 * decodes generated inputs ({@link WireFuzzInputs}) and checks each ({@link WireFuzzCheck}). Prints
 * the crashes (a broken property: an exception other than {@link ProtocolException}, an input that
 * does not round-trip, an allocation over budget), the hangs (one input over 2 s; a watchdog ends
 * the run if one takes 30 s) and the slowest input, with its base64. Exit 0 with none, 1 otherwise.
 * Run with {@code scripts/fuzz}.
 */
public final class WireFuzz {
  private static final long HANG_NANOS = 2_000_000_000L;
  private static final long WATCHDOG_MILLIS = 30_000;

  private WireFuzz() {}

  public static void main(String[] args) throws Exception {
    long count = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 20261130L;
    WireFuzzInputs inputs = new WireFuzzInputs(seed);
    WireFuzzCheck check = new WireFuzzCheck();
    AtomicLong current = new AtomicLong(-1);
    AtomicLong startedAt = new AtomicLong(System.nanoTime());
    Thread watchdog = watchdog(current, startedAt);
    List<String> crashes = new ArrayList<>();
    long crashCount = 0;
    long hangs = 0;
    long accepted = 0;
    long slowestNanos = 0;
    byte[] slowest = new byte[0];
    long start = System.nanoTime();
    for (long i = 0; i < count; i++) {
      byte[] input = inputs.next((int) (i % Integer.MAX_VALUE));
      startedAt.set(System.nanoTime());
      current.set(i);
      try {
        WireFuzzCheck.Outcome outcome = check.decode(input);
        if (!outcome.rejected()) {
          accepted++;
        }
        if (outcome.nanos() > slowestNanos) {
          slowestNanos = outcome.nanos();
          slowest = input;
        }
        if (outcome.nanos() > HANG_NANOS) {
          hangs++;
          System.out.printf(
              "hang: input %d took %.1f s: %s%n",
              i, outcome.nanos() / 1e9, WireFuzzCheck.base64(input));
        }
      } catch (AssertionError e) {
        crashCount++;
        if (crashes.size() < 10) {
          crashes.add("input " + i + ": " + e.getMessage());
        }
      }
    }
    current.set(-1);
    watchdog.interrupt();
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "wire fuzz: %,d inputs (seed %d) in %.1f s, %,d accepted as valid, %,d rejected%n",
        count, seed, seconds, accepted, count - accepted);
    System.out.printf(
        "  crashes %d, hangs (over %.0f s) %d%n", crashCount, HANG_NANOS / 1e9, hangs);
    crashes.forEach(c -> System.out.println("  crash " + c));
    System.out.printf(
        "  slowest input %.2f ms, %d bytes: %s%n",
        slowestNanos / 1e6, slowest.length, preview(slowest));
    System.exit(crashCount == 0 && hangs == 0 ? 0 : 1);
  }

  /** Ends the run, naming the input, if one decode takes longer than the watchdog allows. */
  private static Thread watchdog(AtomicLong current, AtomicLong startedAt) {
    Thread watchdog =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                try {
                  Thread.sleep(1000);
                } catch (InterruptedException e) {
                  return;
                }
                long input = current.get();
                if (input >= 0
                    && System.nanoTime() - startedAt.get() > WATCHDOG_MILLIS * 1_000_000) {
                  System.out.println("hang: input " + input + " still decoding after 30 s");
                  System.exit(1);
                }
              }
            },
            "fuzz-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    return watchdog;
  }

  private static String preview(byte[] input) {
    String text = new String(input, 0, Math.min(input.length, 80), StandardCharsets.UTF_8);
    return text.replaceAll("[^\\x20-\\x7e]", "?") + (input.length > 80 ? "..." : "");
  }
}
