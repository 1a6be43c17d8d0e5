package org.rehabtelemetry.gateway.alarms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's alarm log on a real directory: order, read-back, CSV, bounds, retention, tears. */
class GatewayAlarmLogTest {
  private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
  private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

  @TempDir Path dir;

  @Test
  void everyChangeIsWrittenInOrderAndReadBackNewestFirst() throws Exception {
    GatewayAlarmLog log = new GatewayAlarmLog(dir, CLOCK, Duration.ofDays(730), 100);
    log.start();
    log.changed(entry("a1", "raised", null));
    log.changed(entry("a1", "raised", "op1"));
    log.changed(entry("a1", "cleared", "op1"));
    assertTrue(log.flush(Duration.ofSeconds(5)));
    assertEquals(3, log.written());
    List<GatewayAlarmLog.Entry> recent = log.recent(10);
    assertEquals(
        List.of("cleared", "raised", "raised"),
        recent.stream().map(e -> e.alarm().deviceState()).toList());
    assertEquals("op1", recent.get(0).alarm().operatorAckBy());
    assertEquals(T0.minusSeconds(5), recent.get(0).alarm().operatorAckAt());
    assertEquals(131.0, recent.get(2).alarm().value());
    assertEquals(entry("a1", "raised", null), recent.get(2).alarm(), "every field comes back");
    assertEquals(3, Files.readAllLines(dir.resolve("alarm-log-2026-11.jsonl")).size());
    log.close();
  }

  @Test
  void csvHasAHeaderAndDefusesFormulas() {
    AlarmBoard.Entry alarm = entry("a1", "raised", null);
    GatewayAlarmLog.Entry formula =
        new GatewayAlarmLog.Entry(
            T0,
            new AlarmBoard.Entry(
                alarm.device(),
                alarm.alarmId(),
                alarm.code(),
                alarm.priority(),
                alarm.deviceState(),
                false,
                false,
                "=HYPERLINK(\"x\")",
                alarm.channel(),
                alarm.value(),
                alarm.limit(),
                alarm.raisedAt(),
                alarm.updatedAt(),
                null,
                null));
    String csv = GatewayAlarmLog.csv(List.of(formula));
    assertTrue(csv.startsWith("time,device,alarm id,code,priority,state on device,"), csv);
    assertTrue(csv.contains("\"'=HYPERLINK(\"\"x\"\")\""), csv);
    assertTrue(csv.contains(",131.0,130.0,"), csv);
  }

  @Test
  void closeWritesWhatIsQueued_andAFullQueueIsCountedNotWaitedFor() throws Exception {
    GatewayAlarmLog log = new GatewayAlarmLog(dir, CLOCK, Duration.ofDays(730), 2);
    log.changed(entry("a1", "raised", null));
    log.changed(entry("a2", "raised", null));
    log.changed(entry("a3", "raised", null)); // no writer yet: the queue of two is full
    assertEquals(1, log.dropped());
    log.close();
    assertEquals(2, log.written());
    assertEquals(2, log.recent(10).size());
    log.changed(entry("a4", "raised", null));
    assertEquals(2, log.dropped(), "closed: counted, not queued");
  }

  @Test
  void aLineTornByAPowerCutIsSkipped_andOldMonthsGoAtStart() throws Exception {
    Files.writeString(dir.resolve("alarm-log-2023-01.jsonl"), "{}\n");
    GatewayAlarmLog log = new GatewayAlarmLog(dir, CLOCK, Duration.ofDays(730), 10);
    assertFalse(Files.exists(dir.resolve("alarm-log-2023-01.jsonl")), "past the retention");
    log.start();
    log.changed(entry("a1", "raised", null));
    assertTrue(log.flush(Duration.ofSeconds(5)));
    Files.write(
        dir.resolve("alarm-log-2026-11.jsonl"),
        "{\"at\":\"2026-11-23T09:00:01Z\",\"dev".getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.APPEND);
    assertEquals(1, log.recent(10).size());
    log.close();
  }

  private static AlarmBoard.Entry entry(String alarmId, String state, String operator) {
    return new AlarmBoard.Entry(
        "vert-01",
        alarmId,
        "HR_HIGH",
        "medium",
        state,
        state.equals("cleared"),
        false,
        "heart rate 131 above 130",
        "heartRate",
        131.0,
        130.0,
        T0.minusSeconds(60),
        T0,
        operator,
        operator == null ? null : T0.minusSeconds(5));
  }
}
