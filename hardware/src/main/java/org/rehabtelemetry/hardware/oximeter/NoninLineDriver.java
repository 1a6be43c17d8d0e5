package org.rehabtelemetry.hardware.oximeter;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.hardware.ReadingSink;
import org.rehabtelemetry.hardware.fault.FaultKind;
import org.rehabtelemetry.hardware.fault.SensorHealth;
import org.rehabtelemetry.hardware.serial.StreamDecoder;

/**
 * Reads a pulse oximeter's ASCII lines, Nonin style, 9600 baud, one line a second: {@code SPO2=097
 * HR=072} ended by CR, LF or both.
 *
 * <p>{@code ---} in place of a number means no pulse signal (probe off): no reading, and a {@code
 * SENSOR_REPORTED} condition until a valid line comes. A line that does not match, contains
 * non-ASCII bytes or grows beyond 64 characters without an end is counted as a bad payload and
 * skipped. A value outside the profile's physical range raises {@code OUT_OF_RANGE} for its
 * channel. Not thread-safe: the serial reader thread feeds it.
 */
public final class NoninLineDriver implements StreamDecoder {
  /** The longest line accepted, in bytes. */
  public static final int MAX_LINE = 64;

  private static final Pattern LINE = Pattern.compile("SPO2=(\\d{3}|---) HR=(\\d{3}|---)");

  private final OximeterChannels channels;
  private final SensorHealth health;
  private final ReadingSink sink;
  private final byte[] line = new byte[MAX_LINE];
  private int length;
  private boolean overlong;
  private long lastNanos = Long.MIN_VALUE;

  public NoninLineDriver(OximeterChannels channels, SensorHealth health, ReadingSink sink) {
    this.channels = channels;
    this.health = health;
    this.sink = sink;
  }

  @Override
  public void accept(byte[] bytes, int offset, int count, long nanos) {
    for (int i = offset; i < offset + count; i++) {
      byte b = bytes[i];
      if (b == '\r' || b == '\n') {
        endLine(nanos);
      } else if (length < MAX_LINE) {
        line[length++] = b;
      } else if (!overlong) {
        overlong = true;
        health.count(FaultKind.BAD_PAYLOAD, 1);
      }
    }
  }

  @Override
  public void idle(long nanos) {
    // A line without its end is completed by the next line end or dropped as too long.
  }

  @Override
  public void reset() {
    length = 0;
    overlong = false;
  }

  private void endLine(long nanos) {
    if (overlong) {
      reset();
      return;
    }
    if (length == 0) {
      return;
    }
    String text = new String(line, 0, length, StandardCharsets.US_ASCII);
    boolean ascii = true;
    for (int i = 0; i < length; i++) {
      ascii &= line[i] >= 0x20 && line[i] < 0x7F;
    }
    reset();
    Matcher match = LINE.matcher(text);
    if (!ascii || !match.matches()) {
      health.count(FaultKind.BAD_PAYLOAD, 1);
      return;
    }
    if (match.group(1).equals("---") || match.group(2).equals("---")) {
      health.raise(
          FaultKind.SENSOR_REPORTED, "signal", "the oximeter has no pulse signal (probe off?)");
      return;
    }
    health.clear(FaultKind.SENSOR_REPORTED, "signal");
    long time = lastNanos == Long.MIN_VALUE ? nanos : Math.max(nanos, lastNanos + 1000);
    lastNanos = time;
    boolean spo2 = emit(channels.spo2(), Integer.parseInt(match.group(1)), time);
    boolean heartRate = emit(channels.heartRate(), Integer.parseInt(match.group(2)), time);
    if (spo2 || heartRate) {
      health.dataReceived(nanos);
    }
  }

  private boolean emit(OximeterChannels.Channel channel, double value, long time) {
    if (!health.checkRange(channel.name(), value, channel.min(), channel.max())) {
      return false;
    }
    sink.accept(new Reading(channel.name(), value, time));
    return true;
  }
}
