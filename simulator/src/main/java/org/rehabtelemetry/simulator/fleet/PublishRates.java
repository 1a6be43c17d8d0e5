package org.rehabtelemetry.simulator.fleet;

import java.util.List;
import org.rehabtelemetry.hardware.profile.ChannelSpec;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.hardware.trace.Trace;
import org.rehabtelemetry.hardware.trace.TraceChannel;
import org.rehabtelemetry.hardware.trace.TraceEvent;
import org.rehabtelemetry.hardware.trace.TraceHeader;

/**
 * A trace as an agent would publish it: each channel whose profile {@code publishHz} is below its
 * sample rate becomes the mean of each publish window (tilt at 10 Hz instead of 50), stamped at the
 * window's first sample; other channels are kept as they are. So a fleet puts on the wire what real
 * agents do, not the raw sensor rates. Stateless.
 */
final class PublishRates {
  private PublishRates() {}

  static Trace of(Trace trace, DeviceProfile profile) {
    List<TraceChannel> channels =
        trace.header().channels().stream()
            .map(
                c ->
                    profile
                        .channel(c.name())
                        .filter(spec -> spec.publishHz() < c.rateHz())
                        .map(spec -> new TraceChannel(c.name(), c.unit(), spec.publishHz()))
                        .orElse(c))
            .toList();
    TraceHeader header = trace.header();
    Trace.Builder out =
        new Trace.Builder(
            new TraceHeader(
                header.name(),
                header.kind(),
                header.source() + ", at publish rates",
                header.seed(),
                header.durationUs(),
                channels));
    int count = channels.size();
    long[] windowOf = new long[count];
    long[] firstUs = new long[count];
    double[] sum = new double[count];
    int[] n = new int[count];
    java.util.Arrays.fill(windowOf, Long.MIN_VALUE);
    for (int i = 0; i < trace.sampleCount(); i++) {
      int c = trace.channel(i);
      String name = channels.get(c).name();
      ChannelSpec spec = profile.channel(name).orElse(null);
      if (spec == null || spec.publishHz() >= trace.header().channels().get(c).rateHz()) {
        out.sample(trace.timeUs(i), name, trace.value(i));
        continue;
      }
      long windowUs = (long) (1_000_000 / spec.publishHz());
      long window = trace.timeUs(i) / windowUs;
      if (window != windowOf[c] && n[c] > 0) {
        out.sample(firstUs[c], name, sum[c] / n[c]);
        n[c] = 0;
        sum[c] = 0;
      }
      if (n[c] == 0) {
        firstUs[c] = trace.timeUs(i);
      }
      windowOf[c] = window;
      sum[c] += trace.value(i);
      n[c]++;
    }
    for (int c = 0; c < count; c++) {
      if (n[c] > 0) {
        out.sample(firstUs[c], channels.get(c).name(), sum[c] / n[c]);
      }
    }
    for (TraceEvent event : trace.events()) {
      out.event(event.timeUs(), event.name(), event.arg());
    }
    return out.build();
  }
}
