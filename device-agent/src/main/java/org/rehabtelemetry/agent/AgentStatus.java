package org.rehabtelemetry.agent;

import java.util.List;
import java.util.Map;
import org.rehabtelemetry.agent.alarm.ActiveAlarm;
import org.rehabtelemetry.agent.journal.JournalStats;
import org.rehabtelemetry.agent.session.SessionInfo;
import org.rehabtelemetry.agent.session.SessionState;
import org.rehabtelemetry.hardware.fault.SensorStatus;

/** Everything the touch UI and the CLI show, as one snapshot. */
public record AgentStatus(
    String deviceId,
    String kind,
    String bootId,
    SessionState state,
    SessionInfo session,
    boolean estopLatched,
    boolean brokerConnected,
    boolean clockSynchronised,
    List<ActiveAlarm> alarms,
    List<SensorStatus> sensors,
    Map<String, LiveValue> live,
    JournalStats journal) {}
