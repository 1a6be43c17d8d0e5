package org.rehabtelemetry.agent.alarm;

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
import org.rehabtelemetry.protocol.AlarmPriority;
import org.rehabtelemetry.protocol.AlarmState;
import org.rehabtelemetry.testsupport.CrashableFiles;
import org.rehabtelemetry.testsupport.MutableClock;
import org.rehabtelemetry.testsupport.PowerCutFiles;

/**
 * The device's alarm log through 200 power cuts, each at a random file operation (inside an append,
 * between its write and its fsync, while a new month's file is created, at start-up), on a file
 * layer that loses every write not fsynced and may keep a torn part of it ({@link CrashableFiles}).
 * After each cut the log is opened again on what survived, and:
 *
 * <ul>
 *   <li>every entry whose {@link AlarmLog#record} returned without a failure before the cut is
 *       there, in order: no entry written before a cut is lost;
 *   <li>a line torn by the cut never hides or spoils an entry written after the restart.
 * </ul>
 */
class AlarmLogPowerCutTest {
  private static final Path DIR = Path.of("/state/alarm-log");
  private static final int CUTS = 200;

  @Test
  void twoHundredPowerCuts_loseNoEntryWrittenBeforeThem() {
    Random seeds = new Random(20261201);
    int written = 0;
    int tornOrLost = 0;
    for (int cut = 0; cut < CUTS; cut++) {
      Random random = new Random(seeds.nextLong());
      CrashableFiles disk = new CrashableFiles();
      // Near a month's end, so about half the rounds create a new month's file mid-round.
      MutableClock clock = new MutableClock(Instant.parse("2026-11-30T23:58:30Z"));
      List<String> survived = new ArrayList<>();
      int attempted = 0;
      // Boot 1 runs until the power fails at a random operation; boot 2 recovers and writes more.
      PowerCutFiles boot1 = new PowerCutFiles(disk, random.nextInt(120), random);
      try {
        AlarmLog log = new AlarmLog(boot1, DIR, clock, Duration.ofDays(730));
        while (!boot1.isCut() && attempted < 200) {
          String id = "A-" + cut + "-" + attempted++;
          long failuresBefore = log.failures();
          log.record(alarm(id, random));
          if (log.failures() == failuresBefore) {
            survived.add(id); // record returned: it must outlive the cut
          }
          clock.advance(Duration.ofSeconds(1 + random.nextInt(5)));
        }
      } catch (UncheckedIOException e) {
        assertTrue(boot1.isCut(), "only the cut may stop the log opening: " + e);
      }
      assertTrue(boot1.isCut(), "round " + cut + " cut the power");
      tornOrLost += attempted - survived.size();
      written += survived.size();

      AlarmLog rebooted = new AlarmLog(new PowerCutFiles(disk, -1, random), DIR, clock, days(730));
      String after = "A-" + cut + "-after";
      rebooted.record(alarm(after, random));
      List<String> found = ids(rebooted.recent(10_000));
      List<String> expected = new ArrayList<>(survived);
      expected.add(after);
      List<String> foundOfExpected = new ArrayList<>(found);
      foundOfExpected.retainAll(expected);
      assertEquals(
          expected,
          foundOfExpected,
          "round " + cut + ": every entry written before the cut, then the new one, in order");
      assertEquals(0, rebooted.failures(), "round " + cut + ": writing after the restart works");
    }
    System.out.printf(
        "alarm log power cuts: %d of %d kept every entry written before the cut (%d entries kept;"
            + " %d whose write the cut interrupted)%n",
        CUTS, CUTS, written, tornOrLost);
  }

  private static Duration days(int days) {
    return Duration.ofDays(days);
  }

  /** Ids of the entries, oldest first. */
  private static List<String> ids(List<AlarmLog.Entry> newestFirst) {
    List<String> ids = new ArrayList<>();
    for (int i = newestFirst.size() - 1; i >= 0; i--) {
      ids.add(newestFirst.get(i).alarmId());
    }
    return ids;
  }

  private static ActiveAlarm alarm(String id, Random random) {
    AlarmState state = AlarmState.values()[random.nextInt(AlarmState.values().length)];
    return new ActiveAlarm(
        id,
        AlarmSpec.condition(
            "HR_HIGH",
            AlarmPriority.MEDIUM,
            "hrBpm",
            150 + random.nextInt(60),
            160.0,
            "Heart rate above 160 /min: " + "x".repeat(random.nextInt(300))),
        state,
        0);
  }
}
