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
 * A verticalizer session (docs/domain.md): supine baseline, the tilt raised in four steps of 15° to
 * 60° at no more than 1 °/s, standing, then lowered at up to 2 °/s from 75 % of the session. Weight
 * bearing follows the tilt to about 70 % of body weight (25 kg) at 60°, 44 % of it on the left,
 * with postural sway. Heart rate rises 10–15 /min with the tilt; SpO₂ stays at 97–98 %.
 *
 * <p>Twins: {@link Variant#ORTHOSTATIC} (heart rate climbs to 45 /min over baseline while
 * standing), {@link Variant#VASOVAGAL} (heart rate and SpO₂ fall together at 70 % of the session),
 * {@link Variant#ESTOP} (e-stop at 55 %), {@link Variant#SENSOR_FAULTS} (oximeter silent 8 s at 30
 * %, 64 garbage bytes on the hub at 40 %, the hub unplugged for 3 s at 60 %).
 *
 * <p>Values are quantized as the hardware sends them: tilt 0.01°, loads 1 g, heart rate and SpO₂
 * whole numbers. Deterministic for a seed.
 */
public final class VerticalizerModel {
  static final double BODY_WEIGHT_KG = 25;
  static final double LEFT_SHARE = 0.44;
  static final double MAX_TILT_RATE = 1.0;

  /** The channels the model makes, as the hub and the oximeter send them. */
  static final List<TraceChannel> CHANNELS =
      List.of(
          new TraceChannel("tiltDeg", "deg", 50),
          new TraceChannel("loadLeftKg", "kg", 80),
          new TraceChannel("loadRightKg", "kg", 80),
          new TraceChannel("heartRate", "/min", 1),
          new TraceChannel("spo2", "%", 1));

  private VerticalizerModel() {}

  public static Trace generate(String name, Variant variant, long seed, double durationS) {
    return generate(name, variant, seed, durationS, 60);
  }

  /**
   * A session whose tilt rises in four equal steps to {@code peakTiltDeg} (the angle the child
   * tolerates that day) instead of 60°; heart rate follows the tilt as in every session.
   */
  public static Trace generate(
      String name, Variant variant, long seed, double durationS, double peakTiltDeg) {
    SessionFrame frame = new SessionFrame(durationS);
    SplittableRandom random = new SplittableRandom(seed);
    Trace.Builder trace = frame.begin(name, DeviceKind.VERTICALIZER, variant, seed, CHANNELS);
    double[] tiltAt = tiltProfile(frame, peakTiltDeg);
    // Tilt, 50 Hz, rate-limited; loads 80 Hz follow it.
    for (int i = 0; i < tiltAt.length; i++) {
      double t = frame.start() + i / 50.0;
      if (silent(variant, frame, t, true)) {
        continue;
      }
      trace.sample(micros(t), "tiltDeg", quantize(tiltAt[i] + noise(random, 0.05), 0.01));
    }
    double swayPhase = random.nextDouble() * 2 * Math.PI;
    for (double t = frame.start(); t < frame.end(); t += 1 / 80.0) {
      if (silent(variant, frame, t, true)) {
        continue;
      }
      double tilt = tiltAt[(int) Math.min(tiltAt.length - 1, (t - frame.start()) * 50)];
      double bearing = 0.72 * Math.sin(Math.toRadians(tilt)) / Math.sin(Math.toRadians(60));
      double sway = 0.03 * Math.sin(2 * Math.PI * 0.6 * t + swayPhase);
      double total = BODY_WEIGHT_KG * bearing;
      double left = total * LEFT_SHARE * (1 + sway) + noise(random, 0.08);
      double right = total * (1 - LEFT_SHARE) * (1 - sway) + noise(random, 0.08);
      trace.sample(micros(t), "loadLeftKg", quantize(Math.max(0, left), 0.001));
      trace.sample(micros(t), "loadRightKg", quantize(Math.max(0, right), 0.001));
    }
    // Heart rate and SpO2, 1 Hz, lagging the tilt by about 20 s.
    double baseline = 92 + random.nextInt(8);
    double lagged = 0;
    for (double t = frame.start() + 0.5; t < frame.end(); t += 1) {
      if (silent(variant, frame, t, false)) {
        continue;
      }
      double tilt = tiltAt[(int) Math.min(tiltAt.length - 1, (t - frame.start()) * 50)];
      lagged += (tilt / 60 - lagged) / 20;
      double hr = baseline + 12 * lagged + noise(random, 1.2);
      double spo2 = 97.6 + noise(random, 0.4);
      double u = frame.phase(t);
      if (variant == Variant.ORTHOSTATIC) {
        hr += 40 * ramp(u, 0.45, 0.75);
      } else if (variant == Variant.VASOVAGAL) {
        double fall = ramp(u, 0.70, 0.85);
        hr -= 38 * fall;
        spo2 -= 12 * fall;
      }
      trace.sample(micros(t), "heartRate", (double) Math.round(clamp(hr, 30, 250)));
      trace.sample(micros(t), "spo2", (double) Math.round(clamp(spo2, 50, 100)));
    }
    if (variant == Variant.ESTOP) {
      double at = frame.start() + 0.55 * (frame.end() - frame.start());
      trace.event(micros(at), "estop", "press");
      trace.event(micros(at + 3), "estop", "release");
    } else if (variant == Variant.SENSOR_FAULTS) {
      trace.event(micros(at(frame, 0.40)), "fault", "sensorHub garbage 64");
      trace.event(micros(at(frame, 0.60)), "fault", "sensorHub unplug");
      trace.event(micros(at(frame, 0.60) + 3), "fault", "sensorHub replug");
    }
    return trace.build();
  }

  /** Whether a sensor is silent at {@code t} in the sensor-faults twin. */
  private static boolean silent(Variant variant, SessionFrame frame, double t, boolean hub) {
    if (variant != Variant.SENSOR_FAULTS) {
      return false;
    }
    if (hub) {
      return t >= at(frame, 0.60) && t < at(frame, 0.60) + 3;
    }
    return t >= at(frame, 0.30) && t < at(frame, 0.30) + 8;
  }

  private static double at(SessionFrame frame, double phase) {
    return frame.start() + phase * (frame.end() - frame.start());
  }

  /** The commanded tilt at 50 Hz over the sampled span, limited to {@link #MAX_TILT_RATE}. */
  private static double[] tiltProfile(SessionFrame frame, double peak) {
    int n = (int) Math.ceil((frame.end() - frame.start()) * 50);
    double[] tilt = new double[n];
    double current = 0;
    for (int i = 0; i < n; i++) {
      double u = (double) i / n;
      double target;
      if (u < 0.15) {
        target = 0;
      } else if (u < 0.5) {
        int step = (int) ((u - 0.15) / (0.35 / 4));
        target = peak / 4 * (step + 1);
      } else if (u < 0.75) {
        target = peak;
      } else {
        target = 0;
      }
      double maxStep = MAX_TILT_RATE / 50;
      // lowered at up to 2 °/s, so a short session is back at 0° before it ends
      current += clamp(target - current, -maxStep * 2, maxStep);
      tilt[i] = current;
    }
    return tilt;
  }
}
