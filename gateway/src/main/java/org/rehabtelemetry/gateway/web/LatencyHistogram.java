package org.rehabtelemetry.gateway.web;

import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus-style histogram of durations with fixed buckets (5 ms to 10 s), cumulative when
 * rendered. Recording is lock-free and cheap enough for every database write. Thread-safe.
 */
public final class LatencyHistogram {
  /** Upper bounds in seconds; a last, implicit bucket is +Inf. */
  static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  private final LongAdder[] buckets = new LongAdder[BOUNDS.length + 1];
  private final LongAdder count = new LongAdder();
  private final LongAdder sumNanos = new LongAdder();

  public LatencyHistogram() {
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = new LongAdder();
    }
  }

  /** Records one duration in nanoseconds. */
  public void record(long nanos) {
    double seconds = nanos / 1e9;
    int bucket = 0;
    while (bucket < BOUNDS.length && seconds > BOUNDS[bucket]) {
      bucket++;
    }
    buckets[bucket].increment();
    count.increment();
    sumNanos.add(nanos);
  }

  /** Appends the histogram in the Prometheus text format. */
  void render(StringBuilder out, String name, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" histogram\n");
    long cumulative = 0;
    for (int i = 0; i < buckets.length; i++) {
      cumulative += buckets[i].sum();
      String bound = i < BOUNDS.length ? Double.toString(BOUNDS[i]) : "+Inf";
      out.append(name)
          .append("_bucket{le=\"")
          .append(bound)
          .append("\"} ")
          .append(cumulative)
          .append('\n');
    }
    out.append(name).append("_sum ").append(sumNanos.sum() / 1e9).append('\n');
    out.append(name).append("_count ").append(count.sum()).append('\n');
  }
}
