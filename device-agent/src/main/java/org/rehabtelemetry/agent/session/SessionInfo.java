package org.rehabtelemetry.agent.session;

import java.time.Instant;
import java.util.Map;

/**
 * The current session as the UI and the CLI show it.
 *
 * @param metrics the summary's metrics so far (the profile's names and units): what the therapist's
 *     screen compares with the programme's targets, e.g. the time at the target tilt
 */
public record SessionInfo(
    String sessionId,
    SessionState state,
    String patientCode,
    String programme,
    Map<String, Double> settings,
    Instant startedAt,
    long records,
    Map<String, Double> metrics) {}
