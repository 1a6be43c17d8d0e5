package org.rehabtelemetry.agent.alarm;

import org.rehabtelemetry.protocol.AlarmState;

/**
 * An alarm's current state, for the UI and for messages.
 *
 * @param alarmId unique per device
 * @param spec what was raised
 * @param state raised, acknowledged or cleared
 * @param raisedNanos monotonic time of the triggering reading (for latency figures)
 */
public record ActiveAlarm(String alarmId, AlarmSpec spec, AlarmState state, long raisedNanos) {}
