package org.rehabtelemetry.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
  @Test
  void rendersCumulativeBuckets_sumAndCount_inThePrometheusFormat() {
    LatencyHistogram histogram = new LatencyHistogram();
    histogram.record(3_000_000L); // 3 ms
    histogram.record(5_000_000L); // 5 ms: on the bound, counted in le=0.005
    histogram.record(40_000_000L); // 40 ms
    histogram.record(20_000_000_000L); // 20 s: only +Inf
    StringBuilder out = new StringBuilder();
    histogram.render(out, "w", "writes");
    assertEquals(
        String.join(
            "\n",
            "# HELP w writes",
            "# TYPE w histogram",
            "w_bucket{le=\"0.005\"} 2",
            "w_bucket{le=\"0.01\"} 2",
            "w_bucket{le=\"0.025\"} 2",
            "w_bucket{le=\"0.05\"} 3",
            "w_bucket{le=\"0.1\"} 3",
            "w_bucket{le=\"0.25\"} 3",
            "w_bucket{le=\"0.5\"} 3",
            "w_bucket{le=\"1.0\"} 3",
            "w_bucket{le=\"2.5\"} 3",
            "w_bucket{le=\"5.0\"} 3",
            "w_bucket{le=\"10.0\"} 3",
            "w_bucket{le=\"+Inf\"} 4",
            "w_sum 20.048",
            "w_count 4",
            ""),
        out.toString());
  }
}
