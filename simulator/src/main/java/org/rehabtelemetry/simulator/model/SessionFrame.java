package org.rehabtelemetry.simulator.model;

import java.util.List;
import java.util.Locale;
import org.rehabtelemetry.hardware.trace.Trace;
import org.rehabtelemetry.hardware.trace.TraceChannel;
import org.rehabtelemetry.hardware.trace.TraceHeader;
import org.rehabtelemetry.protocol.DeviceKind;

/**
 * The time frame every model trace shares: the therapist presses the start/stop button briefly at
 * 0.2 s (starting the armed session), the sensors stream from 1 s, and a long press (2.2 s) near
 * the end stops the session after the last sample. So every sample of a trace falls inside its
 * session.
 *
 * @param durationS the whole trace in seconds
 */
record SessionFrame(double durationS) {
  static final double FIRST_SAMPLE_S = 0.5;
  static final double STOP_MARGIN_S = 1.0;

  SessionFrame {
    if (durationS < 10) {
      throw new IllegalArgumentException("a model trace lasts at least 10 s, was " + durationS);
    }
  }

  /** The first sample's time in seconds. */
  double start() {
    return FIRST_SAMPLE_S;
  }

  /** Samples are generated strictly before this time in seconds. */
  double end() {
    return durationS - STOP_MARGIN_S;
  }

  /** Where {@code t} seconds falls in the sampled span, 0 to 1. */
  double phase(double t) {
    return (t - start()) / (end() - start());
  }

  /** The header of a model trace of this length: source {@code model KIND VARIANT}. */
  TraceHeader header(
      String name, DeviceKind kind, Variant variant, long seed, List<TraceChannel> channels) {
    return new TraceHeader(
        name,
        kind,
        "model " + kind.wireName() + " " + variant.name().toLowerCase(Locale.ROOT),
        seed,
        Signals.micros(durationS),
        channels);
  }

  /**
   * A trace of this length with its header and the button presses that start and stop the session;
   * the model adds the samples.
   */
  Trace.Builder begin(
      String name, DeviceKind kind, Variant variant, long seed, List<TraceChannel> channels) {
    Trace.Builder trace = new Trace.Builder(header(name, kind, variant, seed, channels));
    addButtons(trace);
    return trace;
  }

  /** Adds the button presses that start and stop the session. */
  private void addButtons(Trace.Builder trace) {
    trace.event(Signals.micros(0.2), "button", "press");
    trace.event(Signals.micros(0.35), "button", "release");
    trace.event(Signals.micros(end() - 1.8), "button", "press");
    trace.event(Signals.micros(end() + 0.7), "button", "release");
  }
}
