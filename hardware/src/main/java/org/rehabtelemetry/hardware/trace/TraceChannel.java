package org.rehabtelemetry.hardware.trace;

/**
 * A channel of a trace.
 *
 * @param name the channel name, as in the device profile, e.g. {@code tiltDeg}
 * @param unit its unit, e.g. {@code deg}
 * @param rateHz its nominal sample rate in Hz
 */
public record TraceChannel(String name, String unit, double rateHz) {}
