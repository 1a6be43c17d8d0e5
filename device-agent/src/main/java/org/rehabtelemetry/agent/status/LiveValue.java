package org.rehabtelemetry.agent.status;

/** The latest value of a channel, for the touch UI: value, unit and wall time in epoch ms. */
public record LiveValue(String channel, double value, String unit, long epochMillis) {}
