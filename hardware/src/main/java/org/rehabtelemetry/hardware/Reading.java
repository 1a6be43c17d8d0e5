package org.rehabtelemetry.hardware;

/**
 * One valid sensor value.
 *
 * @param channel the channel name from the profile, e.g. {@code tiltDeg}
 * @param value the value in the channel's unit, inside its physical range
 * @param nanos when it was taken, on the agent's monotonic clock ({@link
 *     org.rehabtelemetry.hardware.port.MonotonicClock}); strictly increasing per channel
 */
public record Reading(String channel, double value, long nanos) {}
