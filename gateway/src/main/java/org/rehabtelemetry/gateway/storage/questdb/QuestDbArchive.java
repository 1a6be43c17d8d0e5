package org.rehabtelemetry.gateway.storage.questdb;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.records.archive.SessionArchive;
import org.rehabtelemetry.records.course.CourseMark;
import org.rehabtelemetry.records.model.AlarmRecord;
import org.rehabtelemetry.records.model.CompletenessStamp;
import org.rehabtelemetry.records.model.Series;
import org.rehabtelemetry.records.model.SessionRecord;

/**
 * The clinical records read back from the embedded QuestDB with SQL: started events (patient code,
 * programme, settings), summaries, alarms, completeness and, for one session, its channels thinned
 * with {@code SAMPLE BY} to at most {@value SessionArchive#MAX_POINTS} points each. Course marks
 * live in their own table next to the telemetry, so they are backed up, restored and shared by
 * several gateways with it. Every literal put into SQL is checked against the protocol's identifier
 * characters first and quoted. Thread-safe.
 */
public final class QuestDbArchive implements SessionArchive {
  private static final int IN_CHUNK = 100;
  private static final DeviceKind UNKNOWN = new DeviceKind("unknown");

  private final QuestDbSql sql;

  public QuestDbArchive(QuestDbSql sql) {
    this.sql = sql;
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
  public List<SessionRecord> sessionsOf(String patientCode) throws IOException {
    List<Map<String, JsonNode>> started =
        objects(
            "SELECT * FROM \"session_event\" WHERE \"event\" = 'started' AND \"patient_code\" = "
                + literal(patientCode)
                + " ORDER BY \"timestamp\" LIMIT "
                + MAX_SESSIONS);
    return assemble(started, false);
  }

  @Override
  public Optional<SessionRecord> session(String sessionId) throws IOException {
    List<Map<String, JsonNode>> started =
        objects(
            "SELECT * FROM \"session_event\" WHERE \"event\" = 'started' AND \"session\" = "
                + literal(sessionId)
                + " LIMIT 1");
    List<SessionRecord> sessions = assemble(started, true);
    return sessions.isEmpty() ? Optional.empty() : Optional.of(sessions.get(0));
  }

  @Override
  public List<CourseMark> marks(String patientCode) throws IOException {
    List<CourseMark> marks = new ArrayList<>();
    for (JsonNode row :
        rows(
            "SELECT \"timestamp\", \"action\", \"prescribed\", \"operator\" FROM \"course_mark\""
                + " WHERE \"patient_code\" = "
                + literal(patientCode)
                + " ORDER BY \"timestamp\" LIMIT "
                + MAX_SESSIONS)) {
      marks.add(
          new CourseMark(
              patientCode,
              Instant.parse(row.get(0).asText()),
              CourseMark.Action.of(row.get(1).asText()),
              (int) row.get(2).asLong(),
              row.get(3).asText("")));
    }
    return marks;
  }

  @Override
  public void mark(CourseMark mark) throws IOException {
    sql.execute(
        "INSERT INTO \"course_mark\" (\"timestamp\", \"patient_code\", \"action\", \"prescribed\","
            + " \"operator\") VALUES ("
            + micros(mark.time())
            + "::timestamp, "
            + literal(mark.patientCode())
            + ", "
            + literal(mark.action().wireName())
            + ", "
            + mark.prescribedSessions()
            + ", "
            + text(mark.operator())
            + ")");
  }

  private List<SessionRecord> assemble(List<Map<String, JsonNode>> started, boolean withSeries)
      throws IOException {
    List<String> ids = new ArrayList<>();
    List<String> devices = new ArrayList<>();
    for (Map<String, JsonNode> event : started) {
      ids.add(event.get("session").asText());
      String device = event.get("device").asText();
      if (!devices.contains(device)) {
        devices.add(device);
      }
    }
    Map<String, DeviceKind> kinds = kinds(devices);
    Map<String, Map<String, JsonNode>> summaries = latestBySession("session_summary", ids);
    Map<String, Map<String, JsonNode>> completeness = latestBySession("session_completeness", ids);
    Map<String, List<AlarmRecord>> alarms = alarms(ids);
    List<SessionRecord> sessions = new ArrayList<>();
    for (Map<String, JsonNode> event : started) {
      String id = event.get("session").asText();
      Instant start = Instant.parse(event.get("timestamp").asText());
      Map<String, Double> settings = new HashMap<>();
      event.forEach(
          (column, value) -> {
            if (column.startsWith("setting_") && value.isNumber()) {
              settings.put(column.substring("setting_".length()), value.asDouble());
            }
          });
      Map<String, JsonNode> summary = summaries.get(id);
      Map<String, Double> metrics = new LinkedHashMap<>();
      Instant end = null;
      String outcome = null;
      if (summary != null) {
        end = Instant.parse(summary.get("timestamp").asText());
        outcome = summary.get("outcome").asText();
        if (summary.containsKey("durationMin") && summary.get("durationMin").isNumber()) {
          metrics.put("durationMin", summary.get("durationMin").asDouble());
        }
        summary.forEach(
            (column, value) -> {
              if (value.isNumber() && !SUMMARY_FIXED.contains(column)) {
                metrics.putIfAbsent(column, value.asDouble());
              }
            });
      }
      String device = event.get("device").asText();
      DeviceKind kind = kinds.getOrDefault(device, UNKNOWN);
      Map<String, Series> series = withSeries ? series(id, start, end) : Map.of();
      sessions.add(
          new SessionRecord(
              id,
              device,
              kind,
              event.get("patient_code").asText(),
              event.get("programme").asText(null),
              settings,
              start,
              end,
              outcome,
              metrics,
              alarms.getOrDefault(id, List.of()),
              series,
              stamp(completeness.get(id))));
    }
    return sessions;
  }

  private static final List<String> SUMMARY_FIXED =
      List.of("seq", "records_expected", "timestamp", "started_at");

  private static CompletenessStamp stamp(Map<String, JsonNode> row) {
    if (row == null) {
      return CompletenessStamp.NOT_CHECKED;
    }
    return new CompletenessStamp(
        row.get("received").asLong(),
        row.get("expected").asLong(),
        row.get("gaps").asText(""),
        row.get("complete").asBoolean(),
        row.containsKey("repaired") && row.get("repaired").asBoolean(),
        true);
  }

  private Map<String, DeviceKind> kinds(List<String> devices) throws IOException {
    Map<String, DeviceKind> kinds = new HashMap<>();
    for (List<String> chunk : chunks(devices)) {
      for (JsonNode row :
          rows(
              "SELECT DISTINCT \"device\", \"kind\" FROM \"device_status\" WHERE \"device\" IN ("
                  + inList(chunk)
                  + ")")) {
        try {
          kinds.put(row.get(0).asText(), new DeviceKind(row.get(1).asText()));
        } catch (RuntimeException e) {
          // a kind the protocol would not accept: leave it unknown
        }
      }
    }
    return kinds;
  }

  /** The newest row of each session in a table keyed by session. */
  private Map<String, Map<String, JsonNode>> latestBySession(String table, List<String> ids)
      throws IOException {
    Map<String, Map<String, JsonNode>> latest = new HashMap<>();
    for (List<String> chunk : chunks(ids)) {
      for (Map<String, JsonNode> row :
          objects(
              "SELECT * FROM \""
                  + table
                  + "\" WHERE \"session\" IN ("
                  + inList(chunk)
                  + ") ORDER BY \"timestamp\"")) {
        latest.put(row.get("session").asText(), row);
      }
    }
    return latest;
  }

  private Map<String, List<AlarmRecord>> alarms(List<String> ids) throws IOException {
    Map<String, List<AlarmRecord>> alarms = new HashMap<>();
    for (List<String> chunk : chunks(ids)) {
      for (JsonNode row :
          rows(
              "SELECT \"timestamp\", \"code\", \"priority\", \"state\", \"channel\", \"message\","
                  + " \"value\", \"limit\", \"session\" FROM \"alarm\" WHERE \"session\" IN ("
                  + inList(chunk)
                  + ") ORDER BY \"timestamp\" LIMIT "
                  + MAX_SESSIONS * 10)) {
        alarms
            .computeIfAbsent(row.get(8).asText(), s -> new ArrayList<>())
            .add(
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
    }
    return alarms;
  }

  /** Each channel thinned to about {@value SessionArchive#MAX_POINTS} means. */
  private Map<String, Series> series(String sessionId, Instant start, Instant end)
      throws IOException {
    long seconds = end == null ? 3600 : Math.max(1, Duration.between(start, end).toSeconds());
    long bucket = Math.max(1, (seconds + MAX_POINTS - 1) / MAX_POINTS);
    Map<String, List<double[]>> points = new LinkedHashMap<>();
    for (JsonNode row :
        rows(
            "SELECT \"channel\", \"timestamp\", avg(\"value\") FROM \"sample\" WHERE \"session\" = "
                + literal(sessionId)
                + " SAMPLE BY "
                + bucket
                + "s LIMIT "
                + 16 * MAX_POINTS)) {
      List<double[]> channel = points.computeIfAbsent(row.get(0).asText(), c -> new ArrayList<>());
      if (channel.size() < MAX_POINTS * 2 && row.get(2).isNumber()) {
        Instant time = Instant.parse(row.get(1).asText());
        channel.add(
            new double[] {
              Duration.between(start, time).toMillis() / 1000.0, row.get(2).asDouble()
            });
      }
    }
    Map<String, Series> series = new LinkedHashMap<>();
    for (Map.Entry<String, List<double[]>> channel : points.entrySet()) {
      List<double[]> list = channel.getValue();
      list.sort((a, b) -> Double.compare(a[0], b[0]));
      double[] times = new double[list.size()];
      double[] values = new double[list.size()];
      for (int i = 0; i < times.length; i++) {
        times[i] = list.get(i)[0];
        values[i] = list.get(i)[1];
      }
      series.put(channel.getKey(), new Series(channel.getKey(), times, values));
    }
    return series;
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

  private static String inList(List<String> ids) throws IOException {
    StringBuilder list = new StringBuilder();
    for (String id : ids) {
      if (list.length() > 0) {
        list.append(", ");
      }
      list.append(literal(id));
    }
    return list.toString();
  }

  /** An identifier as an SQL literal; anything else is refused before it reaches SQL. */
  private static String literal(String identifier) throws IOException {
    if (!SessionArchive.isIdentifier(identifier)) {
      throw new IOException("not an identifier: refusing to query with it");
    }
    return "'" + identifier + "'";
  }

  /** Free text (an operator's name) as an SQL literal, quotes doubled, control characters out. */
  private static String text(String value) {
    String clean = value.replaceAll("[\\p{Cntrl}]", "");
    if (clean.length() > 64) {
      clean = clean.substring(0, 64);
    }
    return "'" + clean.replace("'", "''") + "'";
  }

  private static long micros(Instant time) {
    return time.getEpochSecond() * 1_000_000L + time.getNano() / 1000;
  }
}
