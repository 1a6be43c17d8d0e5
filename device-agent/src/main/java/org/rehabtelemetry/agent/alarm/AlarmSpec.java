package org.rehabtelemetry.agent.alarm;

import org.rehabtelemetry.protocol.AlarmPriority;

/**
 * What to raise.
 *
 * @param key identifies the condition, so raising it again while active does nothing, e.g. {@code
 *     SPO2_LOW} or {@code SENSOR_FAULT:oximeter}
 * @param code the wire code
 * @param priority IEC 60601-1-8 priority
 * @param latched whether it stays after the condition ends until a person deals with it
 * @param channel the channel, or null
 * @param value the triggering value, or null
 * @param limit the crossed limit, or null
 * @param message a short sentence for the therapist
 */
public record AlarmSpec(
    String key,
    String code,
    AlarmPriority priority,
    boolean latched,
    String channel,
    Double value,
    Double limit,
    String message) {}
