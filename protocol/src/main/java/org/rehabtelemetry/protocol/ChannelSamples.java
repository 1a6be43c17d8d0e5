package org.rehabtelemetry.protocol;

import java.util.Arrays;

/**
 * The samples of one channel in a {@link SampleBatch}, in columns.
 *
 * <p>Sample {@code i} was taken at {@code batch.t0Us + offsetsUs[i]} microseconds since the epoch
 * and has the value {@code values[i]} in {@code unit}. Offsets are strictly increasing, so no two
 * samples of a channel in a batch share a timestamp. The arrays are copied in and out; instances
 * are immutable.
 *
 * @param channel channel name from the device profile, e.g. {@code tiltDeg}
 * @param unit unit symbol, e.g. {@code deg}, {@code kg}, {@code /min}, {@code %}
 */
// Columnar samples as primitive arrays, without boxing; copied in and out, and equals, hashCode
// and toString below compare and print the contents rather than the array identities.
@SuppressWarnings("ArrayRecordComponent")
public record ChannelSamples(String channel, String unit, long[] offsetsUs, double[] values) {

  public ChannelSamples {
    Identifiers.name("channel", channel);
    Identifiers.unit("unit", unit);
    Identifiers.requireNonNull("offsetsUs", offsetsUs);
    Identifiers.requireNonNull("values", values);
    if (offsetsUs.length != values.length) {
      throw new ProtocolException(
          "values", "has " + values.length + " entries but offsetsUs has " + offsetsUs.length);
    }
    if (offsetsUs.length == 0) {
      throw new ProtocolException("offsetsUs", "must hold at least one sample");
    }
    offsetsUs = offsetsUs.clone();
    values = values.clone();
    long previous = -1;
    for (int i = 0; i < offsetsUs.length; i++) {
      long offset = offsetsUs[i];
      if (offset <= previous || offset > Limits.MAX_OFFSET_US) {
        throw new ProtocolException(
            "offsetsUs[" + i + "]",
            "must be greater than the previous offset and at most "
                + Limits.MAX_OFFSET_US
                + ", was "
                + offset);
      }
      previous = offset;
      Maps.finite("values[" + i + "]", values[i]);
    }
  }

  /** Number of samples. */
  public int size() {
    return values.length;
  }

  /** A copy of the offsets in microseconds from the batch start. */
  @Override
  public long[] offsetsUs() {
    return offsetsUs.clone();
  }

  /** A copy of the values, in {@link #unit()}. */
  @Override
  public double[] values() {
    return values.clone();
  }

  /** Offset of sample {@code i} in microseconds, without copying. */
  public long offsetUs(int i) {
    return offsetsUs[i];
  }

  /** Value of sample {@code i}, without copying. */
  public double value(int i) {
    return values[i];
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ChannelSamples that
        && channel.equals(that.channel)
        && unit.equals(that.unit)
        && Arrays.equals(offsetsUs, that.offsetsUs)
        && Arrays.equals(values, that.values);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * channel.hashCode() + Arrays.hashCode(offsetsUs)) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "ChannelSamples[" + channel + " " + values.length + " samples in " + unit + "]";
  }
}
