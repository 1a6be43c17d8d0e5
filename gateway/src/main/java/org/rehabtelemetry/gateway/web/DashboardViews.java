package org.rehabtelemetry.gateway.web;

import org.rehabtelemetry.gateway.alarms.AlarmBoard;
import org.rehabtelemetry.gateway.alarms.DashboardSoundPause;
import org.rehabtelemetry.gateway.alarms.GatewayAlarmLog;
import org.rehabtelemetry.gateway.auth.AuditLog;
import org.rehabtelemetry.gateway.auth.LoginSessions;
import org.rehabtelemetry.gateway.deadletter.DeadLetterStore;
import org.rehabtelemetry.gateway.live.LiveFeed;
import org.rehabtelemetry.gateway.records.RecordsAccess;
import org.rehabtelemetry.gateway.registry.DeviceRegistry;
import org.rehabtelemetry.gateway.session.CompletenessTracker;

/**
 * What the dashboard shows and changes, handed over by the gateway's assembly.
 *
 * @param records the clinic's records, or an explanation of why there are none here
 * @param language the dashboard's language for an account that names none ({@code ru}, {@code kk}
 *     or {@code en}; the config's {@code records.language})
 */
public record DashboardViews(
    DeviceRegistry registry,
    CompletenessTracker completeness,
    DeadLetterStore deadLetters,
    AlarmBoard alarms,
    DashboardSoundPause soundPause,
    GatewayAlarmLog alarmLog,
    LiveFeed live,
    LoginSessions logins,
    AuditLog audit,
    boolean secureCookie,
    RecordsAccess records,
    String language) {}
