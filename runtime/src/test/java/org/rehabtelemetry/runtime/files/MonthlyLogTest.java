package org.rehabtelemetry.runtime.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonthlyLogTest {
  @TempDir Path dir;

  @Test
  void linesGoToTheirUtcMonth_andComeBackNewestFirstAcrossTwoMonths() throws Exception {
    MonthlyLog log = new MonthlyLog(dir, "alarm-log");
    log.append(Instant.parse("2026-10-31T23:59:59Z"), List.of("a", "b"));
    log.append(Instant.parse("2026-11-01T00:00:00Z"), List.of("c"));
    assertEquals(List.of("a", "b"), Files.readAllLines(dir.resolve("alarm-log-2026-10.jsonl")));
    assertEquals(List.of("c", "b", "a"), log.recent(10, 1024));
    assertEquals(List.of("c", "b"), log.recent(2, 1024));
  }

  @Test
  void anotherPrefixsFilesAreNeitherReadNorPruned() throws Exception {
    Files.writeString(dir.resolve("audit-2020-01.jsonl"), "x\n");
    MonthlyLog log = new MonthlyLog(dir, "alarm-log");
    Files.writeString(dir.resolve("alarm-log-2020-01.jsonl"), "old\n");
    List<String> deleted =
        log.prune(
            Clock.fixed(Instant.parse("2026-11-30T00:00:00Z"), ZoneOffset.UTC),
            Duration.ofDays(365));
    assertEquals(List.of("alarm-log-2020-01.jsonl"), deleted);
    assertTrue(Files.exists(dir.resolve("audit-2020-01.jsonl")));
    assertFalse(Files.exists(dir.resolve("alarm-log-2020-01.jsonl")));
    assertEquals(List.of(), log.recent(10, 1024));
  }

  @Test
  void aLineAppendedAfterATornOneIsNotJoinedToIt() throws Exception {
    MonthlyLog log = new MonthlyLog(dir, "alarm-log");
    Instant at = Instant.parse("2026-11-30T10:00:00Z");
    log.append(at, List.of("{\"a\":1}"));
    Files.writeString(
        log.fileFor(at), "{\"torn", java.nio.file.StandardOpenOption.APPEND); // a power cut
    log.append(at, List.of("{\"b\":2}"));
    assertEquals(List.of("{\"a\":1}", "{\"torn", "{\"b\":2}"), Files.readAllLines(log.fileFor(at)));
    assertEquals(
        List.of("{\"b\":2}", "{\"a\":1}"), log.recent(10, 1024, l -> l.endsWith("}") ? l : null));
  }

  @Test
  void aLineBreakInsideALineAndABadPrefixAreRefused() {
    MonthlyLog log = new MonthlyLog(dir, "alarm-log");
    assertThrows(
        IllegalArgumentException.class, () -> log.append(Instant.EPOCH, List.of("a\nforged")));
    assertThrows(IllegalArgumentException.class, () -> new MonthlyLog(dir, "../x"));
  }
}
