package org.rehabtelemetry.simulator.model;

import java.util.SplittableRandom;
import org.rehabtelemetry.hardware.hub.HubChannel;

/** Small helpers the trace models share. Stateless. */
final class Signals {
  private Signals() {}

  /**
   * Rounds to a multiple of {@code step}, the resolution the hardware sends, computed as the agent
   * computes it (raw × scale), so a replayed value arrives bit for bit as the trace holds it.
   */
  static double quantize(double value, double step) {
    int raw = (int) Math.round(value / step);
    return raw == 0
        ? 0.0
        : new HubChannel(1, "q", step, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)
            .toPhysical(raw);
  }

  /** A Gaussian draw with standard deviation {@code sigma}. */
  static double noise(SplittableRandom random, double sigma) {
    // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
    double u1 = Math.max(1e-12, random.nextDouble());
    double u2 = random.nextDouble();
    return sigma * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** 0 before {@code from}, 1 after {@code to}, linear between. */
  static double ramp(double t, double from, double to) {
    if (t <= from) {
      return 0;
    }
    if (t >= to) {
      return 1;
    }
    return (t - from) / (to - from);
  }

  static double clamp(double value, double min, double max) {
    return Math.max(min, Math.min(max, value));
  }

  static long micros(double seconds) {
    return Math.round(seconds * 1_000_000);
  }
}
