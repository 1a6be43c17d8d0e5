package org.rehabtelemetry.hardware.hub;

/**
 * How the profile maps one hub channel id to a channel.
 *
 * @param id the hub's channel id, 1–254
 * @param channel the channel name, e.g. {@code loadLeftKg}
 * @param scale physical value = raw × scale, e.g. 0.001 for a load cell reporting grams as kg
 * @param min lowest physically possible value, in the channel's unit
 * @param max highest physically possible value
 */
public record HubChannel(int id, String channel, double scale, double min, double max) {

  /**
   * The physical value of a raw reading. A scale that is the reciprocal of a whole number (0.001,
   * 0.01, 0.1) divides by that number, so 11200 × 0.001 gives exactly 11.2 rather than
   * 11.200000000000001.
   */
  public double toPhysical(int raw) {
    double divisor = Math.rint(1 / scale);
    if (scale < 1 && divisor <= 1e9 && Math.abs(1 / divisor - scale) <= Math.ulp(scale)) {
      return raw / divisor;
    }
    return raw * scale;
  }
}
