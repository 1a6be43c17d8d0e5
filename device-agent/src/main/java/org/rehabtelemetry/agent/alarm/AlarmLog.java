package org.rehabtelemetry.agent.alarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.rehabtelemetry.runtime.files.CsvCells;
import org.rehabtelemetry.runtime.files.FileLayer;
import org.rehabtelemetry.runtime.files.MonthlyLog;
import org.rehabtelemetry.runtime.files.NioFileLayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device's alarm log (IEC 60601-1-8, 6.12): every alarm occurrence, acknowledgement and end,
 * with its priority, value and limit, one JSON line each in {@code alarm-log-YYYY-MM.jsonl},
 * fsynced before {@link #record} returns, so a power cut loses no entry written before it. Monthly
 * files older than the retention are deleted at start. The touch UI and the control API show the
 * recent entries and export them as CSV. No patient code is written.
 *
 * <p>{@link #record} blocks for one fsync (milliseconds on an SD card; alarms change a few times a
 * minute at most). A failure to write is logged and counted, never thrown: the alarm itself must
 * not be held up by its log. Thread-safe.
 */
public final class AlarmLog {
  private static final Logger LOG = LoggerFactory.getLogger(AlarmLog.class);
  private static final int TAIL_BYTES = 512 * 1024;

  /**
   * One entry.
   *
   * @param at when (the device's wall clock)
   * @param alarmId the alarm's id
   * @param code e.g. {@code SPO2_LOW}
   * @param priority {@code high}, {@code medium} or {@code low}
   * @param state {@code raised}, {@code acknowledged} or {@code cleared}
   * @param latched whether it stays until a person resets it
   * @param channel the channel, or null
   * @param value the triggering value in the channel's unit, or null
   * @param limit the crossed limit, or null
   * @param message the text the therapist saw
   */
  public record Entry(
      Instant at,
      String alarmId,
      String code,
      String priority,
      String state,
      boolean latched,
      String channel,
      Double value,
      Double limit,
      String message) {}

  private final MonthlyLog files;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private long failures;

  /**
   * Opens the log in {@code dir} (made if absent) and deletes monthly files whose month ended more
   * than {@code retention} ago.
   *
   * @throws java.io.UncheckedIOException if the directory cannot be made
   */
  public AlarmLog(Path dir, Clock clock, Duration retention) {
    this(new NioFileLayer(), dir, clock, retention);
  }

  /** The same on {@code layer} (the power-cut test's file layer). */
  public AlarmLog(FileLayer layer, Path dir, Clock clock, Duration retention) {
    this.files = new MonthlyLog(layer, dir, "alarm-log");
    this.clock = clock;
    try {
      for (String deleted : files.prune(clock, retention)) {
        LOG.info("alarm log: {} is past the retention and was deleted", deleted);
      }
    } catch (IOException e) {
      LOG.error("alarm log: cannot delete old files in {}: {}", dir, e.getMessage());
    }
  }

  /** Records a change of {@code alarm}; blocks for the fsync. */
  public synchronized void record(ActiveAlarm alarm) {
    AlarmSpec spec = alarm.spec();
    Instant now = clock.instant();
    ObjectNode line = json.createObjectNode();
    line.put("at", now.toString());
    line.put("alarmId", alarm.alarmId());
    line.put("code", spec.code());
    line.put("priority", spec.priority().wireName());
    line.put("state", alarm.state().wireName());
    line.put("latched", spec.latched());
    line.put("channel", spec.channel());
    line.put("value", spec.value());
    line.put("limit", spec.limit());
    line.put("message", spec.message());
    try {
      files.append(now, List.of(json.writeValueAsString(line)));
    } catch (IOException e) {
      failures++;
      LOG.error(
          "alarm log: cannot write {} to {}: {}", spec.code(), files.fileFor(now), e.getMessage());
    }
  }

  /** Entries that could not be written since start. */
  public synchronized long failures() {
    return failures;
  }

  /** The most recent entries (at most {@code max}, from the two newest files), newest first. */
  public synchronized List<Entry> recent(int max) {
    try {
      return files.recent(max, TAIL_BYTES, this::parse);
    } catch (IOException e) {
      LOG.error("alarm log: cannot read it back: {}", e.getMessage());
      return new ArrayList<>();
    }
  }

  /** {@code entries} as CSV (RFC 4180, a header line, UTF-8), for a spreadsheet. */
  public static String csv(List<Entry> entries) {
    StringBuilder text =
        new StringBuilder(
            "time,alarm id,code,priority,state,latched,channel,value,limit,message\r\n");
    for (Entry e : entries) {
      text.append(e.at())
          .append(',')
          .append(cell(e.alarmId()))
          .append(',')
          .append(cell(e.code()))
          .append(',')
          .append(e.priority())
          .append(',')
          .append(e.state())
          .append(',')
          .append(e.latched())
          .append(',')
          .append(cell(e.channel()))
          .append(',')
          .append(CsvCells.number(e.value()))
          .append(',')
          .append(CsvCells.number(e.limit()))
          .append(',')
          .append(cell(e.message()))
          .append("\r\n");
    }
    return text.toString();
  }

  private static String cell(String text) {
    return CsvCells.text(text);
  }

  private Entry parse(String line) {
    if (line.isBlank()) {
      return null;
    }
    try {
      JsonNode n = json.readTree(line);
      return new Entry(
          Instant.parse(n.path("at").asText()),
          n.path("alarmId").asText(null),
          n.path("code").asText(null),
          n.path("priority").asText(null),
          n.path("state").asText(null),
          n.path("latched").asBoolean(),
          n.hasNonNull("channel") ? n.get("channel").asText() : null,
          n.hasNonNull("value") ? n.get("value").asDouble() : null,
          n.hasNonNull("limit") ? n.get("limit").asDouble() : null,
          n.path("message").asText(null));
    } catch (IOException | RuntimeException e) {
      return null; // a torn last line after a power cut: skipped
    }
  }
}
