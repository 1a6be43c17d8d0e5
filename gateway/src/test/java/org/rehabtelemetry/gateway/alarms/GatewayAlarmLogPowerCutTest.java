package org.rehabtelemetry.gateway.alarms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.testsupport.CrashableFiles;
import org.rehabtelemetry.testsupport.MutableClock;
import org.rehabtelemetry.testsupport.PowerCutFiles;

/**
 * The gateway's alarm log through 200 power cuts, each at a random file operation, on a file layer
 * that loses every write not fsynced and may keep a torn part of it ({@link CrashableFiles}).
 * Changes are written in batches of one to five with one fsync each, as the writer thread does.
 * After each cut the log is opened again on what survived, and every change of a batch counted as
 * written before the cut is there, in order, followed by one written after the restart. (A change
 * still queued at the cut is not written yet and may be lost: docs/alarms.md says so.)
 */
class GatewayAlarmLogPowerCutTest {
  private static final Path DIR = Path.of("/state/alarm-log");
  private static final int CUTS = 200;
  private static final Duration RETENTION = Duration.ofDays(730);

  @Test
  void twoHundredPowerCuts_loseNoChangeWrittenBeforeThem() {
    Random seeds = new Random(20261202);
    int kept = 0;
    for (int cut = 0; cut < CUTS; cut++) {
      Random random = new Random(seeds.nextLong());
      CrashableFiles disk = new CrashableFiles();
      MutableClock clock = new MutableClock(Instant.parse("2026-11-30T23:59:00Z"));
      List<String> written = new ArrayList<>();
      PowerCutFiles boot1 = new PowerCutFiles(disk, random.nextInt(100), random);
      int next = 0;
      try {
        GatewayAlarmLog log = new GatewayAlarmLog(boot1, DIR, clock, RETENTION, 100);
        while (!boot1.isCut() && next < 300) {
          List<String> batch = new ArrayList<>();
          for (int i = 1 + random.nextInt(5); i > 0; i--) {
            String id = "a-" + cut + "-" + next++;
            log.changed(entry(id, clock.instant(), random));
            batch.add(id);
          }
          long before = log.written();
          log.writeQueued();
          if (log.written() == before + batch.size()) {
            written.addAll(batch); // fsynced: must outlive the cut
          }
          clock.advance(Duration.ofSeconds(1 + random.nextInt(10)));
        }
      } catch (UncheckedIOException e) {
        assertTrue(boot1.isCut(), "only the cut may stop the log opening: " + e);
      }
      assertTrue(boot1.isCut(), "round " + cut + " cut the power");
      kept += written.size();

      GatewayAlarmLog rebooted =
          new GatewayAlarmLog(new PowerCutFiles(disk, -1, random), DIR, clock, RETENTION, 100);
      String after = "a-" + cut + "-after";
      rebooted.changed(entry(after, clock.instant(), random));
      rebooted.writeQueued();
      List<String> expected = new ArrayList<>(written);
      expected.add(after);
      List<String> found = new ArrayList<>();
      List<GatewayAlarmLog.Entry> newestFirst = rebooted.recent(10_000);
      for (int i = newestFirst.size() - 1; i >= 0; i--) {
        found.add(newestFirst.get(i).alarm().alarmId());
      }
      found.retainAll(expected);
      assertEquals(expected, found, "round " + cut + ": every change written before the cut");
    }
    System.out.printf(
        "gateway alarm log power cuts: %d of %d kept every change written before the cut (%d)%n",
        CUTS, CUTS, kept);
  }

  private static AlarmBoard.Entry entry(String id, Instant at, Random random) {
    return new AlarmBoard.Entry(
        "vert-01",
        id,
        "SPO2_LOW",
        "medium",
        random.nextBoolean() ? "raised" : "cleared",
        false,
        false,
        "SpO2 below 90 %" + " ".repeat(random.nextInt(200)),
        "spo2Pct",
        88.0,
        90.0,
        at,
        at,
        null,
        null);
  }
}
