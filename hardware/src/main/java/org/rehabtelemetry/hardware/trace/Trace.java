package org.rehabtelemetry.hardware.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A recorded or generated sensor stream: samples (time, channel, value) and events, both in time
 * order. Samples are held in columns, so an hour of a verticalizer (about 760,000 samples) takes
 * about 12 MB. Immutable.
 */
public final class Trace {
  private final TraceHeader header;
  private final long[] times;
  private final int[] channels;
  private final double[] values;
  private final List<TraceEvent> events;

  private Trace(
      TraceHeader header, long[] times, int[] channels, double[] values, List<TraceEvent> events) {
    this.header = header;
    this.times = times;
    this.channels = channels;
    this.values = values;
    this.events = List.copyOf(events);
  }

  public TraceHeader header() {
    return header;
  }

  /**
   * The same samples and events under another header (e.g. with the final length), sharing the
   * sample columns.
   *
   * @throws IllegalArgumentException if the channels differ
   */
  public Trace withHeader(TraceHeader other) {
    if (!other.channels().equals(header.channels())) {
      throw new IllegalArgumentException("a new header must keep the channels");
    }
    return new Trace(other, times, channels, values, events);
  }

  public int sampleCount() {
    return times.length;
  }

  /** Sample {@code i}'s time in microseconds from the start. */
  public long timeUs(int i) {
    return times[i];
  }

  /** Sample {@code i}'s channel index into {@link TraceHeader#channels()}. */
  public int channel(int i) {
    return channels[i];
  }

  public double value(int i) {
    return values[i];
  }

  public List<TraceEvent> events() {
    return events;
  }

  /** How many samples a channel has. */
  public int count(String channel) {
    int index = header.indexOf(channel);
    int n = 0;
    for (int c : channels) {
      if (c == index) {
        n++;
      }
    }
    return n;
  }

  /** The sum of a channel's values. */
  public double sum(String channel) {
    int index = header.indexOf(channel);
    double sum = 0;
    for (int i = 0; i < channels.length; i++) {
      if (channels[i] == index) {
        sum += values[i];
      }
    }
    return sum;
  }

  /** Builds a trace; samples and events may come in any order and are sorted by time (stable). */
  public static final class Builder {
    private final TraceHeader header;
    private long[] times = new long[1024];
    private int[] channels = new int[1024];
    private double[] values = new double[1024];
    private int size;
    private final List<TraceEvent> events = new ArrayList<>();

    public Builder(TraceHeader header) {
      this.header = header;
    }

    /**
     * Adds a sample.
     *
     * @throws IllegalArgumentException for an unknown channel, a negative time or a value that is
     *     not finite
     */
    public Builder sample(long timeUs, String channel, double value) {
      int index = header.indexOf(channel);
      if (index < 0) {
        throw new IllegalArgumentException("no channel " + channel + " in trace " + header.name());
      }
      return sample(timeUs, index, value);
    }

    Builder sample(long timeUs, int channel, double value) {
      if (timeUs < 0 || !Double.isFinite(value)) {
        throw new IllegalArgumentException(
            "bad sample at " + timeUs + " µs: " + value + " (time >= 0, finite value)");
      }
      if (size == times.length) {
        times = Arrays.copyOf(times, size * 2);
        channels = Arrays.copyOf(channels, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      times[size] = timeUs;
      channels[size] = channel;
      values[size] = value;
      size++;
      return this;
    }

    public Builder event(long timeUs, String name, String arg) {
      events.add(new TraceEvent(timeUs, name, arg));
      return this;
    }

    public Trace build() {
      Integer[] order = new Integer[size];
      for (int i = 0; i < size; i++) {
        order[i] = i;
      }
      boolean sorted = true;
      for (int i = 1; i < size && sorted; i++) {
        sorted = times[i - 1] <= times[i];
      }
      long[] t = Arrays.copyOf(times, size);
      int[] c = Arrays.copyOf(channels, size);
      double[] v = Arrays.copyOf(values, size);
      if (!sorted) {
        Arrays.sort(order, Comparator.comparingLong(i -> times[i]));
        for (int i = 0; i < size; i++) {
          t[i] = times[order[i]];
          c[i] = channels[order[i]];
          v[i] = values[order[i]];
        }
      }
      List<TraceEvent> e = new ArrayList<>(events);
      e.sort(Comparator.comparingLong(TraceEvent::timeUs));
      return new Trace(header, t, c, v, e);
    }
  }
}
