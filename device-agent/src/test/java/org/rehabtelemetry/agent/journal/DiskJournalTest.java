package org.rehabtelemetry.agent.journal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.protocol.MessageType;
import org.rehabtelemetry.testsupport.MutableClock;

class DiskJournalTest {
  @TempDir Path dir;
  private final RecordingJournalListener listener = new RecordingJournalListener();

  private JournalConfig config(long segmentBytes, long maxBytes) {
    return new JournalConfig(
        dir, segmentBytes, maxBytes, Duration.ofDays(14), Duration.ofHours(1), 1 << 20);
  }

  @Test
  void lostSeqsLedger_skipsATornLastLine_andDamagedOnes_andKeepsTheRest() throws IOException {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve(LostLedger.NAME),
        "1764000000000\tS1\t0-16\tsize limit 8192 bytes reached\n"
            + "garbage line\n"
            + "1764000000000\tS 2\t0-1\tbad session id\n"
            + "1764000000000\tS1\t40-4",
        UTF_8);
    try (DiskJournal journal = DiskJournal.open(config(4096, 1 << 20), listener)) {
      List<LostSeqs> lost = journal.lostOf("S1");
      assertEquals(1, lost.size(), lost.toString());
      assertEquals("0-16", lost.get(0).seqs().get(0).toString());
      assertEquals("size limit 8192 bytes reached", lost.get(0).reason());
    }
    assertEquals(
        "1764000000000\tS1\t0-16\tsize limit 8192 bytes reached\n",
        Files.readString(dir.resolve(LostLedger.NAME), UTF_8),
        "rewritten without what could not be read");
  }

  @Test
  void appendedRecords_areHandedOutOnlyAfterCommit_inOrder() {
    try (DiskJournal journal = DiskJournal.open(config(4096, 1 << 20), listener)) {
      long first = journal.append(RecordClass.EVENT, MessageType.SESSION, bytes("started"));
      long second = journal.append(RecordClass.SAMPLES, MessageType.SAMPLES, bytes("batch 1"));
      assertEquals(List.of(), journal.readUnsent(0, 10), "nothing before the fsync");
      journal.commit();
      List<JournalRecord> records = journal.readUnsent(0, 10);
      assertEquals(List.of(first, second), ids(records));
      assertEquals(MessageType.SAMPLES, records.get(1).type());
      assertEquals(RecordClass.SAMPLES, records.get(1).recordClass());
      assertArrayEquals(bytes("batch 1"), records.get(1).payload());
      assertEquals(List.of(second), ids(journal.readUnsent(first, 10)));
    }
  }

  @Test
  void ackedRecords_doNotComeBackAfterReopen_unackedDo() {
    try (DiskJournal journal = DiskJournal.open(config(4096, 1 << 20), listener)) {
      for (int i = 0; i < 5; i++) {
        journal.append(RecordClass.SAMPLES, MessageType.SAMPLES, bytes("r" + i));
      }
      journal.commit();
      journal.ack(1);
      journal.ack(2);
      journal.ack(4);
      journal.commit();
    }
    try (DiskJournal reopened = DiskJournal.open(config(4096, 1 << 20), listener)) {
      assertEquals(
          List.of(3L, 4L, 5L),
          ids(reopened.readUnsent(0, 10)),
          "4 was acked but lies above the first unsent id: sent again, harmless");
      assertEquals(6, reopened.append(RecordClass.EVENT, MessageType.ALARM, bytes("next")));
    }
  }

  @Test
  void snapshotOfCommittedFiles_asAfterKillMinus9_recoversEveryCommittedRecord()
      throws IOException {
    Path copy = dir.resolveSibling(dir.getFileName() + "-copy");
    List<byte[]> written = new ArrayList<>();
    try (DiskJournal journal = DiskJournal.open(config(4096, 1 << 20), listener)) {
      for (int i = 0; i < 200; i++) {
        byte[] payload = bytes("record " + i + " " + "x".repeat(i % 50));
        written.add(payload);
        journal.append(
            i % 7 == 0 ? RecordClass.EVENT : RecordClass.SAMPLES, MessageType.SAMPLES, payload);
      }
      journal.commit();
      copyTree(dir, copy);
    }
    JournalConfig copied =
        new JournalConfig(copy, 4096, 1 << 20, Duration.ofDays(14), Duration.ofHours(1), 1 << 20);
    try (DiskJournal recovered = DiskJournal.open(copied, listener)) {
      List<JournalRecord> records = recovered.readUnsent(0, 1000);
      assertEquals(200, records.size());
      for (int i = 0; i < 200; i++) {
        assertEquals(i + 1, records.get(i).id());
        assertArrayEquals(written.get(i), records.get(i).payload());
      }
      assertTrue(recovered.stats().segments() > 2, "spread over several segments");
    }
  }

  @Test
  void sentSegments_areDeleted_onceTheSentFrontierIsSaved() {
    MutableClock clock = new MutableClock();
    try (DiskJournal journal =
        DiskJournal.open(config(4096, 1 << 20), listener, clock, DiskFaults.NONE)) {
      for (int i = 0; i < 100; i++) {
        journal.append(RecordClass.SAMPLES, MessageType.SAMPLES, new byte[200]);
      }
      journal.commit();
      int before = journal.stats().segments();
      for (long id = 1; id <= 100; id++) {
        journal.ack(id);
      }
      journal.commit();
      assertTrue(before > 3);
      assertEquals(before, journal.stats().segments(), "kept until the frontier is on disk");
      clock.advance(Duration.ofSeconds(11));
      journal.commit();
      assertEquals(1, journal.stats().segments(), "only the active segment stays");
      assertEquals(100, journal.stats().sentFrontier());
    }
  }

  @Test
  void sizeBound_evictsSamplesBeforeEvents_andReportsTheLoss() {
    try (DiskJournal journal = DiskJournal.open(config(4096, 16_384), listener)) {
      List<Long> events = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        if (i % 20 == 0) {
          events.add(journal.append(RecordClass.EVENT, MessageType.ALARM, new byte[100]));
        }
        journal.append(RecordClass.SAMPLES, MessageType.SAMPLES, new byte[200]);
      }
      journal.commit();
      List<Long> remaining = ids(journal.readUnsent(0, 10_000));
      assertTrue(remaining.containsAll(events), "every event survives while samples can go");
      assertTrue(journal.stats().diskBytes() <= 16_384, "bound kept: " + journal.stats());
      assertTrue(!listener.evictions.isEmpty());
      assertTrue(listener.evictions.stream().allMatch(e -> e.startsWith("SAMPLES")));
      long lost = 210 - remaining.size();
      assertEquals(lost, journal.stats().evictedUnsent(), "every lost record is counted");
    }
  }

  @Test
  void sizeBound_withOnlyEventsLeft_evictsOldestEvents() {
    try (DiskJournal journal = DiskJournal.open(config(4096, 8192), listener)) {
      for (int i = 0; i < 100; i++) {
        journal.append(RecordClass.EVENT, MessageType.SESSION, new byte[200]);
      }
      journal.commit();
      assertTrue(journal.stats().diskBytes() <= 8192);
      assertTrue(listener.evictions.get(0).startsWith("EVENT 1.."), listener.evictions.toString());
    }
  }

  @Test
  void ageBound_evictsOldSegments() {
    MutableClock clock = new MutableClock();
    JournalConfig config =
        new JournalConfig(dir, 4096, 1 << 20, Duration.ofDays(1), Duration.ofHours(1), 1 << 20);
    try (DiskJournal journal = DiskJournal.open(config, listener, clock, DiskFaults.NONE)) {
      for (int i = 0; i < 40; i++) {
        journal.append(RecordClass.SAMPLES, MessageType.SAMPLES, new byte[200]);
      }
      clock.advance(Duration.ofDays(2));
      journal.append(RecordClass.SAMPLES, MessageType.SAMPLES, new byte[5000]);
      journal.append(RecordClass.SAMPLES, MessageType.SAMPLES, new byte[10]);
      journal.commit();
      assertTrue(!listener.evictions.isEmpty(), "old segments evicted");
      List<Long> remaining = ids(journal.readUnsent(0, 100));
      assertTrue(remaining.contains(41L) && remaining.contains(42L), "fresh records stay");
      assertTrue(remaining.size() < 10, "segments whose newest record is old went: " + remaining);
      assertEquals(42 - remaining.size(), journal.stats().evictedUnsent());
      for (int i = 1; i < remaining.size(); i++) {
        assertEquals(remaining.get(i - 1) + 1, remaining.get(i), "a contiguous suffix survives");
      }
    }
  }

  /**
   * A reopened journal's segments are not taken for ancient: their age counts from the reopening
   * (was: from 1970, so the first commit after any restart evicted every unsent segment but the
   * newest as "older than 14 days", an outage's whole backlog).
   */
  @Test
  void reopenedJournal_keepsItsUnsentSegments_underTheAgeBound() {
    MutableClock clock = new MutableClock();
    JournalConfig config =
        new JournalConfig(dir, 4096, 1 << 20, Duration.ofDays(14), Duration.ofHours(1), 1 << 20);
    try (DiskJournal journal = DiskJournal.open(config, listener, clock, DiskFaults.NONE)) {
      for (int i = 0; i < 100; i++) {
        journal.append(RecordClass.SAMPLES, MessageType.SAMPLES, new byte[200]);
      }
      journal.commit();
    }
    try (DiskJournal journal = DiskJournal.open(config, listener, clock, DiskFaults.NONE)) {
      journal.append(RecordClass.SAMPLES, MessageType.SAMPLES, new byte[10]);
      journal.commit();
      assertEquals(List.of(), listener.evictions, "nothing evicted after a restart");
      assertEquals(101, journal.readUnsent(0, 200).size(), "the whole backlog is still there");

      clock.advance(Duration.ofDays(15)); // the age bound still holds, counted from the reopening
      journal.append(RecordClass.SAMPLES, MessageType.SAMPLES, new byte[5000]);
      journal.commit();
      assertTrue(!listener.evictions.isEmpty(), "segments 15 days old evicted");
    }
  }

  @Test
  void fullDisk_keepsRecordsInMemory_reportsIt_andWritesThemWhenSpaceReturns() {
    AtomicBoolean full = new AtomicBoolean();
    DiskFaults faults =
        bytes -> {
          if (full.get()) {
            throw new IOException("No space left on device");
          }
        };
    try (DiskJournal journal =
        DiskJournal.open(config(4096, 1 << 20), listener, Clock.systemUTC(), faults)) {
      journal.append(RecordClass.EVENT, MessageType.SESSION, bytes("on disk"));
      journal.commit();
      full.set(true);
      journal.append(RecordClass.SAMPLES, MessageType.SAMPLES, bytes("in memory 1"));
      journal.append(RecordClass.EVENT, MessageType.ALARM, bytes("in memory 2"));
      journal.commit();
      assertEquals(1, listener.failures.size(), "reported once");
      assertTrue(listener.failures.get(0).contains("No space left on device"));
      assertEquals(List.of(1L, 2L, 3L), ids(journal.readUnsent(0, 10)), "published from memory");
      assertEquals(2, journal.stats().unwrittenRecords());

      full.set(false);
      journal.commit();
      assertEquals(1, listener.recoveries);
      assertEquals(0, journal.stats().unwrittenRecords());
    }
    try (DiskJournal reopened = DiskJournal.open(config(4096, 1 << 20), listener)) {
      assertEquals(List.of(1L, 2L, 3L), ids(reopened.readUnsent(0, 10)), "all on disk now");
    }
  }

  @Test
  void fullDiskForLong_dropsOldestWaitingSamplesFirst_andCountsThem() {
    JournalConfig small =
        new JournalConfig(dir, 4096, 1 << 20, Duration.ofDays(14), Duration.ofHours(1), 1000);
    DiskFaults alwaysFull =
        bytes -> {
          throw new IOException("No space left on device");
        };
    try (DiskJournal journal = DiskJournal.open(small, listener, Clock.systemUTC(), alwaysFull)) {
      long event = journal.append(RecordClass.EVENT, MessageType.ALARM, new byte[300]);
      for (int i = 0; i < 10; i++) {
        journal.append(RecordClass.SAMPLES, MessageType.SAMPLES, new byte[300]);
      }
      List<Long> waiting = ids(journal.readUnsent(0, 100));
      assertTrue(waiting.contains(event), "the alarm is kept");
      assertEquals(11 - waiting.size(), journal.stats().evictedUnsent());
      assertTrue(listener.evictions.stream().allMatch(e -> e.startsWith("SAMPLES")));
    }
  }

  private static List<Long> ids(List<JournalRecord> records) {
    return records.stream().map(JournalRecord::id).toList();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }
}
