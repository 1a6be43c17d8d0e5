package org.rehabtelemetry.agent.sampling;

import java.util.Arrays;

/**
 * One channel's points waiting for the next batch, downsampled to the publish rate: each publish
 * window's readings are averaged into one point stamped at the window's last reading. When the
 * publish rate equals the sample rate every reading is a point. Times are epoch microseconds and
 * strictly increase. Not thread-safe.
 */
final class ChannelBuffer {
  private final long windowNanos;
  private long[] times = new long[64];
  private double[] values = new double[64];
  private int size;
  private long window = Long.MIN_VALUE;
  private double sum;
  private int count;
  private long lastMicros;
  private long lastEmittedMicros = Long.MIN_VALUE;

  /**
   * @param windowNanos the publish period; 0 keeps every reading
   */
  ChannelBuffer(long windowNanos) {
    this.windowNanos = windowNanos;
  }

  void add(long nanos, long epochMicros, double value) {
    if (windowNanos == 0) {
      emit(epochMicros, value);
      return;
    }
    long readingWindow = Math.floorDiv(nanos, windowNanos);
    if (count > 0 && readingWindow != window) {
      emit(lastMicros, sum / count);
      sum = 0;
      count = 0;
    }
    window = readingWindow;
    sum += value;
    count++;
    lastMicros = epochMicros;
  }

  /** Emits the current partial window too; at the end of a session. */
  void closeWindow() {
    if (count > 0) {
      emit(lastMicros, sum / count);
      sum = 0;
      count = 0;
    }
  }

  int size() {
    return size;
  }

  long firstTime() {
    return times[0];
  }

  /** Takes the points out, leaving the buffer empty (a partial window stays). */
  long[] takeTimes() {
    return Arrays.copyOf(times, size);
  }

  double[] takeValues() {
    double[] taken = Arrays.copyOf(values, size);
    size = 0;
    return taken;
  }

  private void emit(long micros, double value) {
    if (micros <= lastEmittedMicros) {
      micros = lastEmittedMicros + 1;
    }
    lastEmittedMicros = micros;
    if (size == times.length) {
      times = Arrays.copyOf(times, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    times[size] = micros;
    values[size] = value;
    size++;
  }
}
