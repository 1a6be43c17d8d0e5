package org.rehabtelemetry.agent.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.protocol.AlarmPriority;
import org.rehabtelemetry.protocol.AlarmState;
import org.rehabtelemetry.testsupport.MutableClock;

class AlarmLogTest {
  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));

  @Test
  void everyChange_isOneLine_readBackNewestFirst_andATornLastLineIsSkipped() throws Exception {
    AlarmLog log = new AlarmLog(dir, clock, Duration.ofDays(730));
    AlarmSpec spec =
        new AlarmSpec(
            "SPO2_LOW",
            "SPO2_LOW",
            AlarmPriority.HIGH,
            false,
            "spo2",
            88.0,
            90.0,
            "SpO2 below 90 %");
    log.record(new ActiveAlarm("A-1", spec, AlarmState.RAISED, 0));
    clock.advance(Duration.ofSeconds(5));
    log.record(new ActiveAlarm("A-1", spec, AlarmState.ACKNOWLEDGED, 0));
    clock.advance(Duration.ofSeconds(5));
    log.record(new ActiveAlarm("A-1", spec, AlarmState.CLEARED, 0));
    Path file = dir.resolve("alarm-log-2026-11.jsonl");
    assertEquals(3, Files.readAllLines(file).size(), "one line each, on disk when record returns");
    Files.writeString(file, "{\"at\":\"2026-11-30T10:0", StandardOpenOption.APPEND); // a power cut

    List<AlarmLog.Entry> recent = log.recent(10);
    assertEquals(
        List.of("cleared", "acknowledged", "raised"),
        recent.stream().map(AlarmLog.Entry::state).toList());
    AlarmLog.Entry raised = recent.get(2);
    assertEquals("high", raised.priority());
    assertEquals(88.0, raised.value());
    assertEquals(90.0, raised.limit());
    assertEquals(Instant.parse("2026-11-30T10:00:00Z"), raised.at());
    assertEquals(2, log.recent(2).size());
  }

  @Test
  void theCsv_quotesEveryText_andDefusesFormulas() {
    String csv =
        AlarmLog.csv(
            List.of(
                new AlarmLog.Entry(
                    Instant.parse("2026-11-30T10:00:00Z"),
                    "A-1",
                    "HR_HIGH",
                    "medium",
                    "raised",
                    false,
                    "heartRate",
                    181.0,
                    180.0,
                    "=HYPERLINK(\"x\"), heart rate \"high\"")));
    String[] lines = csv.split("\r\n");
    assertEquals("time,alarm id,code,priority,state,latched,channel,value,limit,message", lines[0]);
    assertEquals(
        "2026-11-30T10:00:00Z,\"A-1\",\"HR_HIGH\",medium,raised,false,\"heartRate\",181.0,180.0,"
            + "\"'=HYPERLINK(\"\"x\"\"), heart rate \"\"high\"\"\"",
        lines[1]);
  }

  @Test
  void monthlyFilesPastTheRetention_areDeletedAtStart() throws Exception {
    Files.writeString(dir.resolve("alarm-log-2024-01.jsonl"), "{}\n");
    Files.writeString(dir.resolve("alarm-log-2026-10.jsonl"), "{}\n");
    new AlarmLog(dir, clock, Duration.ofDays(365));
    assertFalse(Files.exists(dir.resolve("alarm-log-2024-01.jsonl")), "older than a year: gone");
    assertTrue(Files.exists(dir.resolve("alarm-log-2026-10.jsonl")), "last month stays");
  }
}
