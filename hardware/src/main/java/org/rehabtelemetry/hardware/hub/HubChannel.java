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
public record HubChannel(int id, String channel, double scale, double min, double max) {}
