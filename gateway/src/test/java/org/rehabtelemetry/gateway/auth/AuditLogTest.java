package org.rehabtelemetry.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
  @TempDir Path dir;

  @Test
  void entries_areOneJsonLineEach_inAMonthlyFile_newestFirstInMemory() throws Exception {
    AuditLog log =
        new AuditLog(dir, Clock.fixed(Instant.parse("2026-11-30T09:00:00Z"), ZoneOffset.UTC));
    log.record("op1", "login", null, "127.0.0.1", "ok");
    log.record("op1", "ack", "vert-01/TILT_LIMIT", "127.0.0.1", "ok");

    List<String> lines = Files.readAllLines(dir.resolve("audit-2026-11.jsonl"));
    assertEquals(2, lines.size());
    JsonNode first = new ObjectMapper().readTree(lines.get(0));
    assertEquals("2026-11-30T09:00:00Z", first.path("at").asText());
    assertEquals("login", first.path("action").asText());
    assertEquals("ack", log.recent().get(0).action(), "newest first");
  }

  @Test
  void theAdminView_showsEntriesOfOtherProcesses_acrossMonths_newestFirst_andSkipsDamagedLines()
      throws Exception {
    AuditLog gateway =
        new AuditLog(dir, Clock.fixed(Instant.parse("2026-10-31T23:59:00Z"), ZoneOffset.UTC));
    gateway.record("op1", "login", null, "127.0.0.1", "ok");
    // The provisioning command is another process with its own AuditLog on the same directory.
    AuditLog cli =
        new AuditLog(
            dir,
            Clock.fixed(Instant.parse("2026-11-01T00:01:00Z"), ZoneOffset.UTC),
            AuditLog.CLI_PREFIX);
    cli.record("os:admin", "enrol-device", "vert-07", "cli", "ok");
    Files.writeString(
        dir.resolve("audit-cli-2026-11.jsonl"),
        "not json\n",
        java.nio.file.StandardOpenOption.APPEND);
    assertTrue(Files.exists(dir.resolve("audit-2026-10.jsonl")), "the gateway's own file");

    List<AuditLog.Entry> recent = gateway.recent();
    assertEquals(2, recent.size(), recent.toString());
    assertEquals("enrol-device", recent.get(0).action());
    assertEquals("login", recent.get(1).action());
  }

  @Test
  void aHostileName_cannotForgeALine() throws Exception {
    AuditLog log = new AuditLog(dir, Clock.systemUTC());
    log.record("evil\n{\"actor\":\"admin1\"}\u202e", "login", null, "10.0.0.9", "refused");

    Path file;
    try (var files = Files.list(dir)) {
      file = files.findFirst().orElseThrow();
    }
    List<String> lines = Files.readAllLines(file);
    assertEquals(1, lines.size(), "one entry, one line");
    String actor = new ObjectMapper().readTree(lines.get(0)).path("actor").asText();
    assertFalse(actor.contains("\n") || actor.contains("\u202e"), actor);
  }
}
