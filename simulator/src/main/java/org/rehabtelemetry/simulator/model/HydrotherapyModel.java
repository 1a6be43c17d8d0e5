package org.rehabtelemetry.simulator.model;

import static org.rehabtelemetry.simulator.model.Signals.clamp;
import static org.rehabtelemetry.simulator.model.Signals.micros;
import static org.rehabtelemetry.simulator.model.Signals.noise;
import static org.rehabtelemetry.simulator.model.Signals.quantize;
import static org.rehabtelemetry.simulator.model.Signals.ramp;

import java.util.List;
import java.util.SplittableRandom;
import org.rehabtelemetry.hardware.trace.Trace;
import org.rehabtelemetry.hardware.trace.TraceChannel;
import org.rehabtelemetry.protocol.DeviceKind;

/**
 * An underwater shower massage (docs/domain.md): a bath at 36 °C with a slow drift, the jet at 36.5
 * °C, jet pressure cycling between 0.5 and 2.0 bar every 20 s, no air (no pearl bath), and a flow
 * of about 12 L/min while the jet runs. The water level and door contacts are closed from the
 * start.
 *
 * <p>Twins: {@link Variant#OVERHEATING} (the bath climbs from 36 to 41 °C between 50 % and 90 %)
 * and {@link Variant#LOSS_OF_FLOW} (the flow and jet pressure collapse at 60 %). Quantized as the
 * hub sends them: temperatures 0.01 °C, pressures 1 mbar; flow 0.1 L/min. Deterministic for a seed.
 */
public final class HydrotherapyModel {
  /** The channels the model makes, as the hub and the oximeter send them. */
  static final List<TraceChannel> CHANNELS =
      List.of(
          new TraceChannel("bathTempC", "°C", 1),
          new TraceChannel("jetTempC", "°C", 1),
          new TraceChannel("jetPressureBar", "bar", 10),
          new TraceChannel("airPressureBar", "bar", 10),
          new TraceChannel("flowLpm", "L/min", 1));

  private HydrotherapyModel() {}

  public static Trace generate(String name, Variant variant, long seed, double durationS) {
    SessionFrame frame = new SessionFrame(durationS);
    SplittableRandom random = new SplittableRandom(seed);
    Trace.Builder trace = frame.begin(name, DeviceKind.HYDROTHERAPY, variant, seed, CHANNELS);
    trace.event(0, "switch", "waterLevelOk=closed");
    trace.event(0, "switch", "doorClosed=closed");
    double drift = random.nextDouble() * 2 * Math.PI;
    for (double t = frame.start() + 0.5; t < frame.end(); t += 1) {
      double u = frame.phase(t);
      double bath = 36.0 + 0.15 * Math.sin(2 * Math.PI * t / 600 + drift) + noise(random, 0.02);
      if (variant == Variant.OVERHEATING) {
        bath += 5 * ramp(u, 0.5, 0.9);
      }
      boolean flowing = variant != Variant.LOSS_OF_FLOW || u < 0.6;
      trace.sample(micros(t), "bathTempC", quantize(bath, 0.01));
      trace.sample(micros(t), "jetTempC", quantize(36.5 + noise(random, 0.05), 0.01));
      trace.sample(micros(t), "flowLpm", quantize(flowing ? 12 + noise(random, 0.3) : 0, 0.1));
    }
    for (double t = frame.start(); t < frame.end(); t += 0.1) {
      double u = frame.phase(t);
      boolean flowing = variant != Variant.LOSS_OF_FLOW || u < 0.6;
      double cycle = (t % 20) / 20;
      double jet = cycle < 0.4 ? 2.0 : cycle < 0.5 ? 2.0 - 15 * (cycle - 0.4) : 0.5;
      jet = flowing ? jet + noise(random, 0.02) : 0.05 + noise(random, 0.01);
      trace.sample(micros(t), "jetPressureBar", quantize(clamp(jet, 0, 6), 0.001));
      trace.sample(
          micros(t), "airPressureBar", quantize(clamp(0.02 + noise(random, 0.005), 0, 6), 0.001));
    }
    if (variant == Variant.ESTOP) {
      double at = frame.start() + 0.55 * (frame.end() - frame.start());
      trace.event(micros(at), "estop", "press");
      trace.event(micros(at + 3), "estop", "release");
    }
    return trace.build();
  }
}
