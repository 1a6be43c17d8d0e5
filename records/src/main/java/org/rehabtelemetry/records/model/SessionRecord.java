package org.rehabtelemetry.records.model;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.rehabtelemetry.protocol.DeviceKind;

/**
 * One therapy session as the clinic's records need it. Immutable.
 *
 * @param sessionId the device's opaque session id
 * @param deviceId the device that ran it
 * @param kind the device's kind
 * @param patientCode the pseudonymous patient code (never a name)
 * @param programme the programme's name in the device profile
 * @param settings the programme settings it ran with (name to value, the profile's units)
 * @param startedAt when it started
 * @param endedAt when it ended, or null while it runs (or its end never arrived)
 * @param outcome {@code stopped} or {@code interrupted}, or null without an end
 * @param metrics the summary's clinical metrics (name to value, the profile's units)
 * @param alarms its alarm state changes, oldest first (none when read for a list)
 * @param alarmsRaised the alarms it raised, as the store counted them (each counted once, however
 *     often its state changed); may exceed those in {@code alarms}
 * @param alarmChangesOmitted state changes the store holds that {@code alarms} leaves out to stay
 *     bounded (zero when read for a list, where none are listed)
 * @param series the channels for charts (empty when only the summary was read)
 * @param completeness how complete its record is
 */
public record SessionRecord(
    String sessionId,
    String deviceId,
    DeviceKind kind,
    String patientCode,
    String programme,
    Map<String, Double> settings,
    Instant startedAt,
    Instant endedAt,
    String outcome,
    Map<String, Double> metrics,
    List<AlarmRecord> alarms,
    long alarmsRaised,
    long alarmChangesOmitted,
    Map<String, Series> series,
    CompletenessStamp completeness) {

  /** A session whose alarm state changes are all in {@code alarms}. */
  public SessionRecord(
      String sessionId,
      String deviceId,
      DeviceKind kind,
      String patientCode,
      String programme,
      Map<String, Double> settings,
      Instant startedAt,
      Instant endedAt,
      String outcome,
      Map<String, Double> metrics,
      List<AlarmRecord> alarms,
      Map<String, Series> series,
      CompletenessStamp completeness) {
    this(
        sessionId,
        deviceId,
        kind,
        patientCode,
        programme,
        settings,
        startedAt,
        endedAt,
        outcome,
        metrics,
        alarms,
        alarms.stream().filter(AlarmRecord::raised).count(),
        0,
        series,
        completeness);
  }

  public SessionRecord {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(patientCode, "patientCode");
    Objects.requireNonNull(startedAt, "startedAt");
    settings = Map.copyOf(settings);
    metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    alarms = List.copyOf(alarms);
    if (alarmsRaised < 0 || alarmChangesOmitted < 0) {
      throw new IllegalArgumentException("alarm counts cannot be negative");
    }
    series = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(series));
    completeness = completeness == null ? CompletenessStamp.NOT_CHECKED : completeness;
  }

  /** The metric's value, if the summary has it. */
  public Optional<Double> metric(String name) {
    return Optional.ofNullable(metrics.get(name));
  }

  /** Wall time from start to end; zero without an end. */
  public Duration wallDuration() {
    return endedAt == null ? Duration.ZERO : Duration.between(startedAt, endedAt);
  }

  public boolean interrupted() {
    return "interrupted".equals(outcome);
  }

  /** The same session without its chart series (for course lists). */
  public SessionRecord withoutSeries() {
    return new SessionRecord(
        sessionId,
        deviceId,
        kind,
        patientCode,
        programme,
        settings,
        startedAt,
        endedAt,
        outcome,
        metrics,
        alarms,
        alarmsRaised,
        alarmChangesOmitted,
        Map.of(),
        completeness);
  }
}
