package org.rehabtelemetry.gateway.storage.questdb;

import static org.rehabtelemetry.gateway.storage.questdb.SqlLiterals.identifiers;
import static org.rehabtelemetry.gateway.storage.questdb.SqlLiterals.time;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rehabtelemetry.records.archive.SessionArchive;
import org.rehabtelemetry.records.model.Series;

/**
 * One session's channels for its charts, read from the embedded QuestDB: the first {@value
 * #MAX_CHANNELS} channels by name, each thinned with {@code SAMPLE BY} to at most {@value
 * SessionArchive#MAX_POINTS} means over the session's own span. Blocks for its queries.
 * Thread-safe.
 */
final class SessionSeries {
  private static final int MAX_POINTS = SessionArchive.MAX_POINTS;
  private static final int MAX_CHANNELS = 32;

  /** The longest span charted for a session without an end: longer than any therapy programme. */
  private static final Duration MAX_CHART_SPAN = Duration.ofHours(12);

  /** Samples stamped up to this long after the summary still belong on the chart. */
  private static final Duration CHART_SLACK = Duration.ofMinutes(1);

  private final QuestDbSql sql;

  SessionSeries(QuestDbSql sql) {
    this.sql = sql;
  }

  /**
   * Each channel thinned to about {@value SessionArchive#MAX_POINTS} means over the session's span:
   * from its start to its end, or, without an end, to its last sample (at most {@link
   * #MAX_CHART_SPAN}).
   */
  Map<String, Series> of(String device, String session, Instant start, Instant end)
      throws IOException {
    Instant to = end == null ? lastSample(device, session, start) : end.plus(CHART_SLACK);
    if (to == null) {
      return Map.of();
    }
    if (to.isAfter(start.plus(MAX_CHART_SPAN))) {
      to = start.plus(MAX_CHART_SPAN);
    }
    String span =
        SqlLiterals.session(device, session)
            + " AND \"timestamp\" BETWEEN "
            + time(start)
            + " AND "
            + time(to);
    List<String> channels = new ArrayList<>();
    for (JsonNode row :
        rows(
            "SELECT DISTINCT \"channel\" FROM \"sample\" WHERE "
                + span
                + " ORDER BY \"channel\" LIMIT "
                + MAX_CHANNELS)) {
      if (SessionArchive.isIdentifier(row.get(0).asText())) {
        channels.add(row.get(0).asText()); // a name that is not one is never put into SQL
      }
    }
    if (channels.isEmpty()) {
      return Map.of();
    }
    long seconds = Math.max(1, Duration.between(start, to).toSeconds());
    long bucket = Math.max(1, (seconds + MAX_POINTS - 1) / MAX_POINTS);
    Map<String, List<double[]>> points = new LinkedHashMap<>();
    for (JsonNode row :
        rows(
            "SELECT \"channel\", \"timestamp\", avg(\"value\") FROM \"sample\" WHERE "
                + span
                + " AND \"channel\" IN ("
                + identifiers(channels)
                + ") SAMPLE BY "
                + bucket
                + "s ALIGN TO FIRST OBSERVATION LIMIT "
                + channels.size() * (MAX_POINTS + 2))) {
      List<double[]> channel = points.computeIfAbsent(row.get(0).asText(), c -> new ArrayList<>());
      if (channel.size() < MAX_POINTS && row.get(2).isNumber()) {
        Instant at = Instant.parse(row.get(1).asText());
        channel.add(
            new double[] {Duration.between(start, at).toMillis() / 1000.0, row.get(2).asDouble()});
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

  /** The newest sample of a session that never ended, or null without one. */
  private Instant lastSample(String device, String session, Instant start) throws IOException {
    JsonNode rows =
        rows(
            "SELECT max(\"timestamp\") FROM \"sample\" WHERE "
                + SqlLiterals.session(device, session)
                + " AND \"timestamp\" >= "
                + time(start));
    if (rows.size() == 0 || rows.get(0).get(0).isNull()) {
      return null;
    }
    return Instant.parse(rows.get(0).get(0).asText()).plusSeconds(1);
  }

  private JsonNode rows(String statement) throws IOException {
    return sql.execute(statement).path("dataset");
  }
}
