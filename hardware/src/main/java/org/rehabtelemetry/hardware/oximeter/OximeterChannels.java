package org.rehabtelemetry.hardware.oximeter;

/**
 * The channels an oximeter feeds, from the profile.
 *
 * @param spo2 the SpO₂ channel (%), physical range e.g. 50–100
 * @param heartRate the heart-rate channel (/min), physical range e.g. 30–250
 */
public record OximeterChannels(Channel spo2, Channel heartRate) {
  /** A channel name and its physical range. */
  public record Channel(String name, double min, double max) {}
}
