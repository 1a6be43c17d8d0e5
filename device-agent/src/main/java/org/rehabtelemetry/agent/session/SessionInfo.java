package org.rehabtelemetry.agent.session;

import java.time.Instant;
import java.util.Map;

/** The current session as the UI and the CLI show it. */
public record SessionInfo(
    String sessionId,
    SessionState state,
    String patientCode,
    String programme,
    Map<String, Double> settings,
    Instant startedAt,
    long records) {}
