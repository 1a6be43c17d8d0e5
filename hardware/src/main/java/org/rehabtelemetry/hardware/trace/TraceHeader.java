package org.rehabtelemetry.hardware.trace;

import java.util.List;
import org.rehabtelemetry.protocol.DeviceKind;

/**
 * What a trace is: the device kind, its channels, where it came from.
 *
 * @param name a short name, e.g. {@code verticalizer-orthostatic}
 * @param kind the device kind
 * @param source how it was made: {@code model NAME} or {@code recorded DEVICE}
 * @param seed the model's random seed, or null for a recording
 * @param durationUs the trace's length in microseconds
 * @param channels its channels, in column order
 */
public record TraceHeader(
    String name,
    DeviceKind kind,
    String source,
    Long seed,
    long durationUs,
    List<TraceChannel> channels) {
  public TraceHeader {
    channels = List.copyOf(channels);
  }

  /** The index of a channel, or -1. */
  public int indexOf(String channel) {
    for (int i = 0; i < channels.size(); i++) {
      if (channels.get(i).name().equals(channel)) {
        return i;
      }
    }
    return -1;
  }
}
