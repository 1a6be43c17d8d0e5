package org.rehabtelemetry.gateway.storage;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rehabtelemetry.protocol.AlarmEvent;
import org.rehabtelemetry.protocol.DeviceStatus;
import org.rehabtelemetry.protocol.Limits;
import org.rehabtelemetry.protocol.LostRecords;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.Metric;
import org.rehabtelemetry.protocol.SampleBatch;
import org.rehabtelemetry.protocol.SessionEvent;
import org.rehabtelemetry.protocol.SessionSummary;

/**
 * Maps wire messages to points (the schema in {@code docs/storage.md}). Every point's identity
 * (measurement, tags, timestamp) is derived from the message alone, so a redelivered message writes
 * the same points and overwrites itself. Stateless and thread-safe.
 */
public final class PointMapper {
  private PointMapper() {}

  /**
   * The points of one message, but for its samples ({@link LineEncoder} writes those from the
   * columns); commands and live previews produce none.
   */
  public static List<Point> points(String site, Message message) {
    return switch (message.type()) {
      case SAMPLES -> List.of(batch(site, (SampleBatch) message));
      case SESSION -> List.of(session(site, (SessionEvent) message));
      case ALARM -> List.of(alarm(site, (AlarmEvent) message));
      case SUMMARY -> List.of(summary(site, (SessionSummary) message));
      case STATUS -> List.of(status(site, (DeviceStatus) message));
      case LOST -> List.of(lost(site, (LostRecords) message));
      case LIVE -> List.of();
      case COMMAND -> List.of();
    };
  }

  /**
   * The batch's own point: its seq, sample count and exact {@code t0_us}, for completeness and
   * audits. Its time is {@link #batchTimeMicros}: two batches of a session may start at the same
   * microsecond (a batch taken between two channels' readings of one instant), and at {@code t0}
   * the later one would overwrite the earlier's point, so the store would seem to miss a seq it
   * holds.
   */
  private static Point batch(String site, SampleBatch batch) {
    return new Point(
        "batch",
        Map.of(
            "site",
            site,
            "device",
            batch.header().deviceId(),
            "session",
            batch.session().sessionId()),
        Map.of(
            "seq",
            batch.session().seq(),
            "samples",
            (long) batch.sampleCount(),
            "t0_us",
            batch.t0Us()),
        batchTimeMicros(batch.t0Us(), batch.session().seq()));
  }

  /**
   * A batch point's time: the whole second of its first sample, plus its seq in microseconds. A seq
   * is below a million ({@link Limits#MAX_SEQ}), so within one session (a tag) every seq has its
   * own time, and the same message always the same one.
   */
  static long batchTimeMicros(long t0Us, long seq) {
    return Math.floorDiv(t0Us, 1_000_000L) * 1_000_000L + seq;
  }

  private static Point session(String site, SessionEvent event) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("seq", event.session().seq());
    fields.put("reason", event.reason());
    if (event.patientCode() != null) {
      fields.put("patient_code", event.patientCode());
      fields.put("programme", event.programme());
      event.settings().forEach((name, value) -> fields.put("setting_" + name, value));
    }
    return new Point(
        "session_event",
        Map.of(
            "site",
            site,
            "device",
            event.header().deviceId(),
            "session",
            event.session().sessionId(),
            "event",
            event.event().wireName()),
        fields,
        micros(event.header().time()));
  }

  private static Point alarm(String site, AlarmEvent alarm) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("alarm_id", alarm.alarmId());
    fields.put("message", alarm.message());
    fields.put("latched", alarm.latched());
    if (alarm.value() != null) {
      fields.put("value", alarm.value());
    }
    if (alarm.limit() != null) {
      fields.put("limit", alarm.limit());
    }
    alarm
        .sessionRef()
        .ifPresent(
            ref -> {
              fields.put("session", ref.sessionId());
              fields.put("seq", ref.seq());
            });
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("site", site);
    tags.put("device", alarm.header().deviceId());
    tags.put("code", alarm.code());
    tags.put("priority", alarm.priority().wireName());
    tags.put("state", alarm.state().wireName());
    if (alarm.channel() != null) {
      tags.put("channel", alarm.channel());
    }
    return new Point("alarm", tags, fields, micros(alarm.header().time()));
  }

  private static Point summary(String site, SessionSummary summary) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("seq", summary.session().seq());
    fields.put("records_expected", summary.session().seq() + 1);
    fields.put("started_at", summary.startedAt().toString());
    for (Map.Entry<String, Metric> metric : summary.metrics().entrySet()) {
      fields.put(metric.getKey(), metric.getValue().value());
    }
    return new Point(
        "session_summary",
        Map.of(
            "site",
            site,
            "device",
            summary.header().deviceId(),
            "session",
            summary.session().sessionId(),
            "outcome",
            summary.outcome().wireName()),
        fields,
        micros(summary.endedAt()));
  }

  /** Identity: the session and when the device evicted them; a repeated answer overwrites. */
  private static Point lost(String site, LostRecords lost) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("seqs", lost.seqsText());
    fields.put("count", lost.count());
    fields.put("reason", lost.reason());
    fields.put("answered_at", lost.header().time().toString());
    return new Point(
        "session_lost",
        Map.of("site", site, "device", lost.header().deviceId(), "session", lost.sessionId()),
        fields,
        micros(lost.evictedAt()));
  }

  private static Point status(String site, DeviceStatus status) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("state", status.state().wireName());
    fields.put("agent_version", status.agentVersion());
    fields.put("clock_synchronised", status.clockSynchronised());
    fields.put("boot_id", status.header().bootId());
    if (status.currentSessionId() != null) {
      fields.put("session", status.currentSessionId());
    }
    if (status.reason() != null) {
      fields.put("reason", status.reason());
    }
    return new Point(
        "device_status",
        Map.of(
            "site", site, "device", status.header().deviceId(), "kind", status.kind().wireName()),
        fields,
        micros(status.header().time()));
  }

  static long micros(Instant time) {
    return time.getEpochSecond() * 1_000_000L + time.getNano() / 1000;
  }
}
