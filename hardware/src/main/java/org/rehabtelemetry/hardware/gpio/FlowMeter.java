package org.rehabtelemetry.hardware.gpio;

import java.util.concurrent.atomic.AtomicLong;
import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.hardware.ReadingSink;
import org.rehabtelemetry.hardware.fault.SensorHealth;
import org.rehabtelemetry.hardware.poll.Polled;
import org.rehabtelemetry.hardware.port.DigitalLine;

/**
 * A hall-effect flow meter (YF-S201 style) on a GPIO line: counts rising edges and, at each poll,
 * emits the flow over the interval since the previous poll, {@code pulses / seconds / kFactor}
 * L/min (kFactor ≈ 7.5 Hz per L/min, about 450 pulses per litre). No pulses give 0 L/min, which is
 * a valid reading (loss of flow is the agent's alarm, not a sensor fault). A rate beyond the
 * physical maximum raises {@code OUT_OF_RANGE}.
 *
 * <p>Edges may be counted on any thread; polls come from one scanner thread.
 */
public final class FlowMeter implements Polled {
  private final String channel;
  private final double kFactorHzPerLpm;
  private final double maxLpm;
  private final SensorHealth health;
  private final ReadingSink sink;
  private final AtomicLong pulses = new AtomicLong();
  private long lastPulses;
  private long lastPollNanos;

  public FlowMeter(
      String channel,
      DigitalLine line,
      double kFactorHzPerLpm,
      double maxLpm,
      long startNanos,
      SensorHealth health,
      ReadingSink sink) {
    this.channel = channel;
    this.kFactorHzPerLpm = kFactorHzPerLpm;
    this.maxLpm = maxLpm;
    this.health = health;
    this.sink = sink;
    this.lastPollNanos = startNanos;
    line.onChange(
        high -> {
          if (high) {
            pulses.incrementAndGet();
          }
        });
  }

  /** Rising edges counted since start. */
  public long pulses() {
    return pulses.get();
  }

  @Override
  public synchronized void poll(long nanos) {
    long elapsed = nanos - lastPollNanos;
    if (elapsed <= 0) {
      return;
    }
    long now = pulses.get();
    double hz = (now - lastPulses) / (elapsed / 1e9);
    double lpm = hz / kFactorHzPerLpm;
    lastPulses = now;
    lastPollNanos = nanos;
    if (!health.checkRange(channel, lpm, 0, maxLpm)) {
      return;
    }
    health.dataReceived(nanos);
    sink.accept(new Reading(channel, lpm, nanos));
  }
}
