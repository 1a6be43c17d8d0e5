package org.rehabtelemetry.hardware.profile;

/**
 * One channel of a device.
 *
 * @param name the channel name on the wire, e.g. {@code tiltDeg}
 * @param unit its unit symbol, e.g. {@code deg}
 * @param min lowest physically possible value; below it a reading is a sensor fault
 * @param max highest physically possible value
 * @param sampleHz how often the sensor delivers a value, in Hz
 * @param publishHz how often the agent publishes it, in Hz (at most {@code sampleHz})
 * @param decimals how many decimals people are shown (heart rate 0: {@code 95}, not {@code 95.0})
 * @param labels what people read instead of {@code name}
 */
public record ChannelSpec(
    String name,
    String unit,
    double min,
    double max,
    double sampleHz,
    double publishHz,
    int decimals,
    Labels labels) {

  /** A channel without labels, shown with one decimal. */
  public ChannelSpec(
      String name, String unit, double min, double max, double sampleHz, double publishHz) {
    this(name, unit, min, max, sampleHz, publishHz, 1, Labels.NONE);
  }
}
