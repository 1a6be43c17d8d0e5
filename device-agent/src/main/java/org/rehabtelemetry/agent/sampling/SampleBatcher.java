package org.rehabtelemetry.agent.sampling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rehabtelemetry.agent.time.Timebase;
import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.hardware.profile.ChannelSpec;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.protocol.ChannelSamples;
import org.rehabtelemetry.protocol.Limits;

/**
 * Collects a session's readings into columnar batches. Readings of channels the profile does not
 * declare are ignored (drivers only produce declared ones). Not thread-safe; the session recorder
 * serialises calls.
 */
public final class SampleBatcher {
  /** A batch's content: start time and channels, ready for a {@code SampleBatch}. */
  public record Batch(long t0Us, List<ChannelSamples> channels, int samples) {}

  private final Map<String, ChannelBuffer> buffers = new LinkedHashMap<>();
  private final Map<String, String> units = new LinkedHashMap<>();
  private final Timebase timebase;
  private int pending;

  public SampleBatcher(DeviceProfile profile, Timebase timebase) {
    this.timebase = timebase;
    for (ChannelSpec channel : profile.channels()) {
      long window =
          channel.publishHz() >= channel.sampleHz() ? 0 : (long) (1e9 / channel.publishHz());
      buffers.put(channel.name(), new ChannelBuffer(window));
      units.put(channel.name(), channel.unit());
    }
  }

  /** Adds a reading; returns whether the batch is full and should be taken now. */
  public boolean add(Reading reading) {
    ChannelBuffer buffer = buffers.get(reading.channel());
    if (buffer == null) {
      return false;
    }
    int before = buffer.size();
    buffer.add(reading.nanos(), timebase.epochMicros(reading.nanos()), reading.value());
    pending += buffer.size() - before;
    return pending >= Limits.MAX_SAMPLES_PER_BATCH / 2;
  }

  /** Emits every partial downsampling window; at the end of a session. */
  public void closeWindows() {
    for (ChannelBuffer buffer : buffers.values()) {
      int before = buffer.size();
      buffer.closeWindow();
      pending += buffer.size() - before;
    }
  }

  /** Takes what is waiting as one batch, or null if nothing is. */
  public Batch take() {
    if (pending == 0) {
      return null;
    }
    long t0 = Long.MAX_VALUE;
    for (ChannelBuffer buffer : buffers.values()) {
      if (buffer.size() > 0) {
        t0 = Math.min(t0, buffer.firstTime());
      }
    }
    List<ChannelSamples> channels = new ArrayList<>();
    for (Map.Entry<String, ChannelBuffer> entry : buffers.entrySet()) {
      ChannelBuffer buffer = entry.getValue();
      if (buffer.size() == 0) {
        continue;
      }
      long[] times = buffer.takeTimes();
      double[] values = buffer.takeValues();
      for (int i = 0; i < times.length; i++) {
        times[i] -= t0;
      }
      channels.add(new ChannelSamples(entry.getKey(), units.get(entry.getKey()), times, values));
    }
    int samples = pending;
    pending = 0;
    return new Batch(t0, channels, samples);
  }
}
