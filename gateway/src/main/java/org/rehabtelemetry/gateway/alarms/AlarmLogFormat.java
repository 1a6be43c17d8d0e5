package org.rehabtelemetry.gateway.alarms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.rehabtelemetry.gateway.alarms.GatewayAlarmLog.Entry;
import org.rehabtelemetry.runtime.files.CsvCells;

/**
 * How the gateway's alarm log writes its entries: one JSON line each on disk, and CSV for a
 * spreadsheet. Stateless and thread-safe.
 */
final class AlarmLogFormat {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AlarmLogFormat() {}

  /** {@code entries} as CSV (RFC 4180, a header line, UTF-8), for a spreadsheet. */
  static String csv(List<Entry> entries) {
    StringBuilder text =
        new StringBuilder(
            "time,device,alarm id,code,priority,state on device,condition ended,latched,channel,"
                + "value,limit,message,acknowledged by operator,acknowledged at\r\n");
    for (Entry entry : entries) {
      AlarmBoard.Entry e = entry.alarm();
      text.append(entry.at())
          .append(',')
          .append(CsvCells.text(e.device()))
          .append(',')
          .append(CsvCells.text(e.alarmId()))
          .append(',')
          .append(CsvCells.text(e.code()))
          .append(',')
          .append(CsvCells.text(e.priority()))
          .append(',')
          .append(CsvCells.text(e.deviceState()))
          .append(',')
          .append(e.conditionEnded())
          .append(',')
          .append(e.latched())
          .append(',')
          .append(CsvCells.text(e.channel()))
          .append(',')
          .append(CsvCells.number(e.value()))
          .append(',')
          .append(CsvCells.number(e.limit()))
          .append(',')
          .append(CsvCells.text(e.message()))
          .append(',')
          .append(CsvCells.text(e.operatorAckBy()))
          .append(',')
          .append(e.operatorAckAt() == null ? "" : e.operatorAckAt().toString())
          .append("\r\n");
    }
    return text.toString();
  }

  /** One entry as a JSON line. */
  static String line(Entry entry) {
    AlarmBoard.Entry e = entry.alarm();
    ObjectNode line = JSON.createObjectNode();
    line.put("at", entry.at().toString());
    line.put("device", e.device());
    line.put("alarmId", e.alarmId());
    line.put("code", e.code());
    line.put("priority", e.priority());
    line.put("deviceState", e.deviceState());
    line.put("conditionEnded", e.conditionEnded());
    line.put("latched", e.latched());
    line.put("message", e.message());
    line.put("channel", e.channel());
    line.put("value", e.value());
    line.put("limit", e.limit());
    line.put("raisedAt", text(e.raisedAt()));
    line.put("updatedAt", text(e.updatedAt()));
    line.put("operatorAckBy", e.operatorAckBy());
    line.put("operatorAckAt", text(e.operatorAckAt()));
    try {
      return JSON.writeValueAsString(line);
    } catch (IOException e1) {
      throw new IllegalStateException("a JSON object of strings and numbers always serialises", e1);
    }
  }

  private static String text(Instant time) {
    return time == null ? null : time.toString();
  }

  private static Instant time(JsonNode n, String field) {
    return n.hasNonNull(field) ? Instant.parse(n.get(field).asText()) : null;
  }

  private static String text(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asText() : null;
  }

  private static Double number(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asDouble() : null;
  }

  /** A JSON line as an entry, or null for one it cannot read (torn by a power cut). */
  static Entry parse(String line) {
    try {
      JsonNode n = JSON.readTree(line);
      return new Entry(
          Instant.parse(n.path("at").asText()),
          new AlarmBoard.Entry(
              text(n, "device"),
              text(n, "alarmId"),
              text(n, "code"),
              text(n, "priority"),
              text(n, "deviceState"),
              n.path("conditionEnded").asBoolean(),
              n.path("latched").asBoolean(),
              text(n, "message"),
              text(n, "channel"),
              number(n, "value"),
              number(n, "limit"),
              time(n, "raisedAt"),
              time(n, "updatedAt"),
              text(n, "operatorAckBy"),
              time(n, "operatorAckAt")));
    } catch (IOException | RuntimeException e) {
      return null; // a torn last line after a power cut: skipped
    }
  }
}
