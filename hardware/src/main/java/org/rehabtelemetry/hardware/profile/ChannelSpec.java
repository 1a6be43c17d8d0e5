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
 */
public record ChannelSpec(
    String name, String unit, double min, double max, double sampleHz, double publishHz) {}
