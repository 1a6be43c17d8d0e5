package org.rehabtelemetry.gateway.storage;

import java.time.Instant;
import java.util.List;
import org.rehabtelemetry.protocol.ChannelSamples;
import org.rehabtelemetry.protocol.Header;
import org.rehabtelemetry.protocol.SampleBatch;
import org.rehabtelemetry.protocol.SessionRef;

/** The batch both sink ITs write and read back: 100 tilt and 100 load samples of session S1. */
final class SinkFixtures {
  /** The batch's start, 2026-11-23T09:15:30.25Z, in µs. */
  static final long T0_US = 1_795_425_330_250_000L;

  private SinkFixtures() {}

  /** Tilt 0, 0.5, 1.0, ... deg and load 11.2 kg, every 12.5 ms. */
  static SampleBatch batch(long seq) {
    long[] offsets = new long[100];
    double[] tilt = new double[100];
    double[] load = new double[100];
    for (int i = 0; i < 100; i++) {
      offsets[i] = i * 12_500L;
      tilt[i] = i * 0.5;
      load[i] = 11.2;
    }
    return new SampleBatch(
        new Header("vert-01", "b1", Instant.parse("2026-11-23T09:15:31Z")),
        new SessionRef("S1", seq),
        T0_US,
        List.of(
            new ChannelSamples("tiltDeg", "deg", offsets, tilt),
            new ChannelSamples("loadLeftKg", "kg", offsets, load)));
  }
}
