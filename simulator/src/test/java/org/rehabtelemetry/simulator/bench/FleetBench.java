package org.rehabtelemetry.simulator.bench;

import java.util.List;
import org.rehabtelemetry.simulator.fleet.Fleet;
import org.rehabtelemetry.testsupport.MosquittoServer;

/**
 * How many virtual devices one simulator process sustains at real-time rates: fleets of growing
 * size (default 50, 100, 200, 400, 800) each run for 20 s against a private Mosquitto, one batch
 * per 500 ms per device. A size is sustained when every batch left within 250 ms of its time (p99
 * lag) and the broker acknowledged every message. Prints a row per size and the largest sustained.
 * Figures only; asserts nothing. Run with {@code scripts/bench-fleet [seconds] [sizes...]}.
 */
public final class FleetBench {
  private FleetBench() {}

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 20;
    int[] sizes = {50, 100, 200, 400, 800};
    if (args.length > 1) {
      sizes = new int[args.length - 1];
      for (int i = 1; i < args.length; i++) {
        sizes[i - 1] = Integer.parseInt(args[i]);
      }
    }
    int sustained = 0;
    System.out.printf(
        "%8s %10s %12s %10s %10s %10s %8s %s%n",
        "devices", "batches", "samples/s", "lag p50", "lag p99", "lag max", "failed", "");
    try (MosquittoServer broker =
        new MosquittoServer(List.of("max_queued_messages 100000", "max_inflight_messages 1000"))) {
      broker.start();
      for (int size : sizes) {
        Fleet.Result result;
        boolean allAcked;
        try (Fleet fleet = new Fleet(broker.uri(), "ward-b", size, 600, 1, 500)) {
          fleet.connect();
          result = fleet.run(seconds);
          long deadline = System.nanoTime() + 10_000_000_000L;
          while (System.nanoTime() < deadline
              && fleet.devices().stream().anyMatch(d -> d.acknowledged() < d.published())) {
            Thread.sleep(100);
          }
          allAcked = fleet.devices().stream().allMatch(d -> d.acknowledged() == d.published());
        }
        boolean ok = result.lagP99Ms() <= 250 && result.failed() == 0 && allAcked;
        System.out.printf(
            "%8d %10d %12.0f %8d ms %8d ms %8d ms %8d %s%n",
            size,
            result.batches(),
            result.samples() / seconds,
            result.lagP50Ms(),
            result.lagP99Ms(),
            result.lagMaxMs(),
            result.failed(),
            ok ? "sustained" : "NOT sustained" + (allAcked ? "" : " (unacknowledged messages)"));
        if (!ok) {
          break;
        }
        sustained = size;
      }
    }
    System.out.printf(
        "one simulator process sustains %d virtual devices at real-time rates"
            + " (500 ms batches, verticalizer/trainer/hydrotherapy mix)%n",
        sustained);
  }
}
