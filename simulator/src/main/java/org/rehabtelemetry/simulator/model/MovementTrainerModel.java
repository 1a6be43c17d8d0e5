package org.rehabtelemetry.simulator.model;

import static org.rehabtelemetry.simulator.model.Signals.clamp;
import static org.rehabtelemetry.simulator.model.Signals.micros;
import static org.rehabtelemetry.simulator.model.Signals.noise;
import static org.rehabtelemetry.simulator.model.Signals.quantize;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.rehabtelemetry.hardware.trace.Trace;
import org.rehabtelemetry.hardware.trace.TraceChannel;
import org.rehabtelemetry.protocol.DeviceKind;

/**
 * A motorized leg trainer session (docs/domain.md): passive at 20 rpm (the motor drives, positive
 * torque) for the first 40 %, active at 30 rpm (the child drives, negative motor torque) to 80 %,
 * then a passive cool-down at 15 rpm. Power is |torque × ω|; the left share of the child's force is
 * about 46 %. A spasm stops the pedals within 0.3 s with a torque spike, reverses briefly, relaxes,
 * and the trainer's spasm counter goes up.
 *
 * <p>Normal: one spasm at 60 %. Twin {@link Variant#SPASMS}: four spasms 12 s apart from 50 % (the
 * agent's "3 in 60 s" rule). Heart rate rises from about 100 to 115 /min while active. Quantized as
 * the trainer's controller reports: cadence 0.1 rpm, torque 0.01 N·m, power 0.1 W, share 0.1 %.
 * Deterministic for a seed.
 */
public final class MovementTrainerModel {
  /** The channels the model makes, as the hub and the oximeter send them. */
  static final List<TraceChannel> CHANNELS =
      List.of(
          new TraceChannel("cadenceRpm", "rpm", 50),
          new TraceChannel("torqueNm", "N·m", 50),
          new TraceChannel("powerW", "W", 50),
          new TraceChannel("leftSharePct", "%", 50),
          new TraceChannel("spasmCount", "count", 10),
          new TraceChannel("heartRate", "/min", 1),
          new TraceChannel("spo2", "%", 1));

  private MovementTrainerModel() {}

  public static Trace generate(String name, Variant variant, long seed, double durationS) {
    SessionFrame frame = new SessionFrame(durationS);
    SplittableRandom random = new SplittableRandom(seed);
    Trace.Builder trace = frame.begin(name, DeviceKind.MOVEMENT_TRAINER, variant, seed, CHANNELS);
    List<Double> spasms = new ArrayList<>();
    double span = frame.end() - frame.start();
    if (variant == Variant.SPASMS) {
      for (int i = 0; i < 4; i++) {
        spasms.add(frame.start() + 0.5 * span + i * Math.min(12, span / 10));
      }
    } else {
      spasms.add(frame.start() + 0.6 * span);
    }
    double cadence = 0;
    for (double t = frame.start(); t < frame.end(); t += 1 / 50.0) {
      double u = frame.phase(t);
      boolean active = u >= 0.4 && u < 0.8;
      double target = u < 0.4 ? 20 : active ? 30 : 15;
      double torque = active ? -6 : 4;
      double spasmSince = sinceLast(spasms, t);
      if (spasmSince >= 0 && spasmSince < 3) {
        // stop within 0.3 s with a spike, reverse at -5 rpm for 1 s, relax, resume
        target = spasmSince < 0.3 ? 0 : spasmSince < 1.3 ? -5 : 0;
        torque = spasmSince < 0.5 ? 25 : 2;
      }
      cadence += clamp(target - cadence, -4, 1.2);
      double c = cadence + noise(random, 0.2);
      double tq = torque + noise(random, 0.15);
      double power = Math.abs(tq * c * 2 * Math.PI / 60);
      double share = active ? 46 + noise(random, 1.5) : 50 + noise(random, 0.5);
      trace.sample(micros(t), "cadenceRpm", quantize(c, 0.1));
      trace.sample(micros(t), "torqueNm", quantize(tq, 0.01));
      trace.sample(micros(t), "powerW", quantize(power, 0.1));
      trace.sample(micros(t), "leftSharePct", quantize(clamp(share, 0, 100), 0.1));
    }
    for (double t = frame.start(); t < frame.end(); t += 0.1) {
      long count = 0;
      for (double at : spasms) {
        count += at <= t ? 1 : 0;
      }
      trace.sample(micros(t), "spasmCount", (double) count);
    }
    double baseline = 96 + random.nextInt(8);
    double effort = 0;
    for (double t = frame.start() + 0.5; t < frame.end(); t += 1) {
      double u = frame.phase(t);
      effort += ((u >= 0.4 && u < 0.8 ? 1 : 0) - effort) / 30;
      trace.sample(
          micros(t), "heartRate", (double) Math.round(baseline + 15 * effort + noise(random, 1.5)));
      trace.sample(
          micros(t), "spo2", (double) Math.round(clamp(97.5 + noise(random, 0.4), 50, 100)));
    }
    if (variant == Variant.ESTOP) {
      double at = frame.start() + 0.55 * span;
      trace.event(micros(at), "estop", "press");
      trace.event(micros(at + 3), "estop", "release");
    }
    return trace.build();
  }

  /** Seconds since the last spasm at or before {@code t}, or -1. */
  private static double sinceLast(List<Double> spasms, double t) {
    double since = -1;
    for (double at : spasms) {
      if (at <= t) {
        since = t - at;
      }
    }
    return since;
  }
}
