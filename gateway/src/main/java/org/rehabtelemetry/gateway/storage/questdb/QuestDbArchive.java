package org.rehabtelemetry.gateway.storage.questdb;

import static org.rehabtelemetry.gateway.storage.questdb.SqlLiterals.identifier;
import static org.rehabtelemetry.gateway.storage.questdb.SqlLiterals.identifiers;
import static org.rehabtelemetry.gateway.storage.questdb.SqlLiterals.micros;
import static org.rehabtelemetry.gateway.storage.questdb.SqlLiterals.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.records.archive.Recent;
import org.rehabtelemetry.records.archive.SessionArchive;
import org.rehabtelemetry.records.course.CourseMark;
import org.rehabtelemetry.records.model.AlarmRecord;
import org.rehabtelemetry.records.model.CompletenessStamp;
import org.rehabtelemetry.records.model.SessionRecord;

/**
 * The clinical records read back from the embedded QuestDB with SQL: started events (patient code,
 * programme, settings), the latest summary and completeness of each session, alarms and, for one
 * session, its channels thinned with {@code SAMPLE BY} to at most {@value
 * SessionArchive#MAX_POINTS} points each. Every row is matched by device and session together, so a
 * device reusing another's session id neither reads nor mixes into it. Every query is bounded by a
 * {@code LIMIT}, a {@code LATEST ON} or an aggregate. Course marks live in their own table next to
 * the telemetry, so they are backed up, restored and shared by several gateways with it.
 * Thread-safe.
 */
public final class QuestDbArchive implements SessionArchive {
  private static final int IN_CHUNK = 100;

  private static final DeviceKind UNKNOWN = new DeviceKind("unknown");
  private static final List<String> SUMMARY_FIXED =
      List.of("seq", "records_expected", "timestamp", "started_at");

  private final QuestDbSql sql;
  private final SessionSeries series;
  private final int maxSessions;
  private final int maxAlarmChanges;

  public QuestDbArchive(QuestDbSql sql) {
    this(sql, MAX_SESSIONS, MAX_ALARM_CHANGES);
  }

  /**
   * @param maxSessions the newest sessions (and course marks) of a patient read at most
   * @param maxAlarmChanges the alarm state changes of one session listed at most
   */
  public QuestDbArchive(QuestDbSql sql, int maxSessions, int maxAlarmChanges) {
    if (maxSessions < 1 || maxAlarmChanges < 1) {
      throw new IllegalArgumentException("the bounds must be positive");
    }
    this.sql = sql;
    this.series = new SessionSeries(sql);
    this.maxSessions = maxSessions;
    this.maxAlarmChanges = maxAlarmChanges;
  }

  @Override
  public List<String> patients() throws IOException {
    List<String> codes = new ArrayList<>();
    for (JsonNode row :
        rows(
            "SELECT DISTINCT \"patient_code\" FROM \"session_event\" WHERE \"event\" = 'started'"
                + " AND \"patient_code\" IS NOT NULL ORDER BY \"patient_code\" LIMIT "
                + MAX_PATIENTS)) {
      codes.add(row.get(0).asText());
    }
    return codes;
  }

  @Override
  public Recent<SessionRecord> sessionsOf(String patientCode) throws IOException {
    List<Map<String, JsonNode>> started =
        objects(
            "SELECT * FROM \"session_event\" WHERE \"event\" = 'started' AND \"patient_code\" = "
                + identifier(patientCode)
                + " ORDER BY \"timestamp\" DESC LIMIT "
                + (maxSessions + 1));
    boolean olderOmitted = started.size() > maxSessions;
    List<Map<String, JsonNode>> newest =
        new ArrayList<>(started.subList(0, Math.min(maxSessions, started.size())));
    Collections.reverse(newest);
    return new Recent<>(assemble(newest, false), olderOmitted);
  }

  @Override
  public Optional<SessionRecord> session(String deviceId, String sessionId) throws IOException {
    List<Map<String, JsonNode>> started =
        objects(
            "SELECT * FROM \"session_event\" WHERE \"event\" = 'started' AND \"device\" = "
                + identifier(deviceId)
                + " AND \"session\" = "
                + identifier(sessionId)
                + " LIMIT 1");
    List<SessionRecord> sessions = assemble(started, true);
    return sessions.isEmpty() ? Optional.empty() : Optional.of(sessions.get(0));
  }

  @Override
  public Recent<CourseMark> marks(String patientCode) throws IOException {
    List<CourseMark> marks = new ArrayList<>();
    for (JsonNode row :
        rows(
            "SELECT \"timestamp\", \"action\", \"prescribed\", \"operator\" FROM \"course_mark\""
                + " WHERE \"patient_code\" = "
                + identifier(patientCode)
                + " ORDER BY \"timestamp\" DESC LIMIT "
                + (maxSessions + 1))) {
      marks.add(
          new CourseMark(
              patientCode,
              Instant.parse(row.get(0).asText()),
              CourseMark.Action.of(row.get(1).asText()),
              (int) row.get(2).asLong(),
              row.get(3).asText("")));
    }
    boolean olderOmitted = marks.size() > maxSessions;
    List<CourseMark> newest =
        new ArrayList<>(marks.subList(0, Math.min(maxSessions, marks.size())));
    Collections.reverse(newest);
    return new Recent<>(newest, olderOmitted);
  }

  @Override
  public void mark(CourseMark mark) throws IOException {
    sql.execute(
        "INSERT INTO \"course_mark\" (\"timestamp\", \"patient_code\", \"action\", \"prescribed\","
            + " \"operator\") VALUES ("
            + micros(mark.time())
            + ", "
            + identifier(mark.patientCode())
            + ", "
            + identifier(mark.action().wireName())
            + ", "
            + mark.prescribedSessions()
            + ", "
            + text(mark.operator())
            + ")");
  }

  /**
   * Sessions from their started events, with what the other tables hold for the same device and
   * session; with {@code detail}, their alarm state changes and chart series too.
   */
  private List<SessionRecord> assemble(List<Map<String, JsonNode>> started, boolean detail)
      throws IOException {
    Set<String> ids = new LinkedHashSet<>();
    Set<String> devices = new LinkedHashSet<>();
    for (Map<String, JsonNode> event : started) {
      ids.add(event.get("session").asText());
      devices.add(event.get("device").asText());
    }
    Map<String, DeviceKind> kinds = kinds(new ArrayList<>(devices));
    List<String> idList = new ArrayList<>(ids);
    Map<String, Map<String, JsonNode>> summaries = latest("session_summary", idList);
    Map<String, Map<String, JsonNode>> completeness = latest("session_completeness", idList);
    Map<String, Long> raised = raisedCounts(idList);
    List<SessionRecord> sessions = new ArrayList<>();
    for (Map<String, JsonNode> event : started) {
      String id = event.get("session").asText();
      String device = event.get("device").asText();
      String key = key(device, id);
      Instant start = Instant.parse(event.get("timestamp").asText());
      Map<String, JsonNode> summary = summaries.get(key);
      Instant end = summary == null ? null : Instant.parse(summary.get("timestamp").asText());
      List<AlarmRecord> alarms = detail ? alarms(device, id) : List.of();
      long omitted = detail ? Math.max(0, alarmChanges(device, id) - alarms.size()) : 0;
      sessions.add(
          new SessionRecord(
              id,
              device,
              kinds.getOrDefault(device, UNKNOWN),
              event.get("patient_code").asText(),
              event.get("programme").asText(null),
              settings(event),
              start,
              end,
              summary == null ? null : summary.get("outcome").asText(),
              metrics(summary),
              alarms,
              raised.getOrDefault(key, 0L),
              omitted,
              detail ? series.of(device, id, start, end) : Map.of(),
              stamp(completeness.get(key))));
    }
    return sessions;
  }

  private static String key(String device, String session) {
    return device + "/" + session; // neither may hold a '/'
  }

  private static Map<String, Double> settings(Map<String, JsonNode> started) {
    Map<String, Double> settings = new HashMap<>();
    started.forEach(
        (column, value) -> {
          if (column.startsWith("setting_") && value.isNumber()) {
            settings.put(column.substring("setting_".length()), value.asDouble());
          }
        });
    return settings;
  }

  /** The summary's metrics, the duration first. */
  private static Map<String, Double> metrics(Map<String, JsonNode> summary) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    if (summary == null) {
      return metrics;
    }
    JsonNode duration = summary.get("durationMin");
    if (duration != null && duration.isNumber()) {
      metrics.put("durationMin", duration.asDouble());
    }
    summary.forEach(
        (column, value) -> {
          if (value.isNumber() && !SUMMARY_FIXED.contains(column)) {
            metrics.putIfAbsent(column, value.asDouble());
          }
        });
    return metrics;
  }

  private static CompletenessStamp stamp(Map<String, JsonNode> row) {
    if (row == null) {
      return CompletenessStamp.NOT_CHECKED;
    }
    return new CompletenessStamp(
        row.get("received").asLong(),
        row.get("expected").asLong(),
        row.get("gaps").asText(""),
        row.containsKey("lost_detail") ? row.get("lost_detail").asText("") : "",
        row.containsKey("dead_lettered") ? row.get("dead_lettered").asLong() : 0,
        row.containsKey("dead_letter_reasons") ? row.get("dead_letter_reasons").asText("") : "",
        row.get("complete").asBoolean(),
        row.containsKey("repaired") && row.get("repaired").asBoolean(),
        true);
  }

  /** Each device's kind as its latest status gives it. */
  private Map<String, DeviceKind> kinds(List<String> devices) throws IOException {
    Map<String, DeviceKind> kinds = new HashMap<>();
    for (List<String> chunk : chunks(devices)) {
      for (JsonNode row :
          rows(
              "SELECT \"device\", \"kind\" FROM \"device_status\" WHERE \"device\" IN ("
                  + identifiers(chunk)
                  + ") LATEST ON \"timestamp\" PARTITION BY \"device\"")) {
        try {
          kinds.put(row.get(0).asText(), new DeviceKind(row.get(1).asText()));
        } catch (RuntimeException e) {
          // a kind the protocol would not accept: leave it unknown
        }
      }
    }
    return kinds;
  }

  /** The newest row of each device's session in a table keyed by device and session. */
  private Map<String, Map<String, JsonNode>> latest(String table, List<String> ids)
      throws IOException {
    Map<String, Map<String, JsonNode>> latest = new HashMap<>();
    for (List<String> chunk : chunks(ids)) {
      for (Map<String, JsonNode> row :
          objects(
              "SELECT * FROM \""
                  + table
                  + "\" WHERE \"session\" IN ("
                  + identifiers(chunk)
                  + ") LATEST ON \"timestamp\" PARTITION BY \"device\", \"session\"")) {
        latest.put(key(row.get("device").asText(), row.get("session").asText()), row);
      }
    }
    return latest;
  }

  /** How many alarms each device's session raised. */
  private Map<String, Long> raisedCounts(List<String> ids) throws IOException {
    Map<String, Long> counts = new HashMap<>();
    for (List<String> chunk : chunks(ids)) {
      for (JsonNode row :
          rows(
              "SELECT \"device\", \"session\", count() FROM \"alarm\" WHERE \"state\" = 'raised'"
                  + " AND \"session\" IN ("
                  + identifiers(chunk)
                  + ")")) {
        counts.put(key(row.get(0).asText(), row.get(1).asText()), row.get(2).asLong());
      }
    }
    return counts;
  }

  /** The session's first {@code maxAlarmChanges} alarm state changes, oldest first. */
  private List<AlarmRecord> alarms(String device, String session) throws IOException {
    List<AlarmRecord> alarms = new ArrayList<>();
    for (JsonNode row :
        rows(
            "SELECT \"timestamp\", \"code\", \"priority\", \"state\", \"channel\", \"message\","
                + " \"value\", \"limit\" FROM \"alarm\" WHERE "
                + SqlLiterals.session(device, session)
                + " ORDER BY \"timestamp\" LIMIT "
                + maxAlarmChanges)) {
      alarms.add(
          new AlarmRecord(
              Instant.parse(row.get(0).asText()),
              row.get(1).asText(),
              row.get(2).asText(),
              row.get(3).asText(),
              row.get(4).isNull() ? null : row.get(4).asText(),
              row.get(5).asText(""),
              row.get(6).isNumber() ? row.get(6).asDouble() : null,
              row.get(7).isNumber() ? row.get(7).asDouble() : null));
    }
    return alarms;
  }

  /** All the session's alarm state changes, counted (read after the list, so never fewer). */
  private long alarmChanges(String device, String session) throws IOException {
    JsonNode rows =
        rows("SELECT count() FROM \"alarm\" WHERE " + SqlLiterals.session(device, session));
    return rows.size() == 0 ? 0 : rows.get(0).get(0).asLong();
  }

  private JsonNode rows(String statement) throws IOException {
    return sql.execute(statement).path("dataset");
  }

  /** Rows as column name to value. */
  private List<Map<String, JsonNode>> objects(String statement) throws IOException {
    JsonNode answer = sql.execute(statement);
    List<String> columns = new ArrayList<>();
    for (JsonNode column : answer.path("columns")) {
      columns.add(column.path("name").asText());
    }
    List<Map<String, JsonNode>> rows = new ArrayList<>();
    for (JsonNode row : answer.path("dataset")) {
      Map<String, JsonNode> object = new LinkedHashMap<>();
      for (int i = 0; i < columns.size() && i < row.size(); i++) {
        object.put(columns.get(i), row.get(i));
      }
      rows.add(object);
    }
    return rows;
  }

  private static List<List<String>> chunks(List<String> ids) {
    List<List<String>> chunks = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += IN_CHUNK) {
      chunks.add(ids.subList(i, Math.min(ids.size(), i + IN_CHUNK)));
    }
    return chunks;
  }
}
