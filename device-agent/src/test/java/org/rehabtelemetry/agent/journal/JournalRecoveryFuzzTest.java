package org.rehabtelemetry.agent.journal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.protocol.MessageType;

/**
 * Journal files truncated or corrupted at random byte offsets. For every trial: nothing is invented
 * (each recovered record equals the record written with that id), ids rise, every record whose
 * bytes were not touched is recovered, the damage is reported, and the journal accepts new records
 * afterwards. Seeded, so a failure reproduces.
 */
class JournalRecoveryFuzzTest {
  private static final int RECORDS = 300;
  private static final int TRIALS = 300;

  @TempDir Path base;

  private record Placed(Path file, long position, int size) {}

  @Test
  void randomTruncationAndCorruption_recoverEveryUntouchedRecord_inventNothing()
      throws IOException {
    Path original = base.resolve("original");
    Map<Long, byte[]> written = new HashMap<>();
    Random random = new Random(0xC0FFEE);
    try (DiskJournal journal = DiskJournal.open(config(original), JournalListener.NONE)) {
      for (int i = 0; i < RECORDS; i++) {
        byte[] payload =
            ("{\"n\":" + i + ",\"pad\":\"" + "p".repeat(random.nextInt(120)) + "\"}")
                .getBytes(UTF_8);
        RecordClass lane = random.nextInt(5) == 0 ? RecordClass.EVENT : RecordClass.SAMPLES;
        long id = journal.append(lane, MessageType.SAMPLES, payload);
        written.put(id, payload);
      }
      journal.commit();
    }
    Map<Long, Placed> placement = place(original);
    assertEquals(RECORDS, placement.size());
    List<Path> files =
        new ArrayList<>(placement.values().stream().map(Placed::file).distinct().toList());

    int truncations = 0;
    int corruptions = 0;
    for (int trial = 0; trial < TRIALS; trial++) {
      Path copy = base.resolve("trial-" + trial);
      DiskJournalTest.copyTree(original, copy);
      Path victim = copy.resolve(original.relativize(files.get(random.nextInt(files.size()))));
      long size = Files.size(victim);
      List<long[]> damaged = new ArrayList<>();
      if (random.nextBoolean()) {
        long at = random.nextLong(size);
        try (FileChannel channel = FileChannel.open(victim, StandardOpenOption.WRITE)) {
          channel.truncate(at);
        }
        damaged.add(new long[] {at, Long.MAX_VALUE});
        truncations++;
      } else {
        try (FileChannel channel =
            FileChannel.open(victim, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
          int flips = 1 + random.nextInt(4);
          for (int f = 0; f < flips; f++) {
            long at = random.nextLong(size);
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, at);
            one.put(0, (byte) (one.get(0) ^ (1 + random.nextInt(255))));
            one.rewind();
            channel.write(one, at);
            damaged.add(new long[] {at, at + 1});
          }
        }
        corruptions++;
      }

      RecordingJournalListener listener = new RecordingJournalListener();
      try (DiskJournal recovered = DiskJournal.open(config(copy), listener)) {
        List<JournalRecord> records = recovered.readUnsent(0, RECORDS * 2);
        long previous = 0;
        for (JournalRecord record : records) {
          assertTrue(record.id() > previous, "ids rise");
          previous = record.id();
          assertArrayEquals(
              written.get(record.id()),
              record.payload(),
              "record " + record.id() + " invented or altered");
        }
        List<Long> recoveredIds = records.stream().map(JournalRecord::id).toList();
        boolean lostAny = false;
        for (Map.Entry<Long, Placed> entry : placement.entrySet()) {
          Placed placed = entry.getValue();
          boolean touched =
              copy.resolve(original.relativize(placed.file())).equals(victim)
                  && damaged.stream()
                      .anyMatch(
                          d ->
                              d[0] < placed.position() + placed.size() && d[1] > placed.position());
          if (!touched) {
            assertTrue(
                recoveredIds.contains(entry.getKey()),
                "untouched record " + entry.getKey() + " lost in trial " + trial);
          } else if (!recoveredIds.contains(entry.getKey())) {
            lostAny = true;
          }
        }
        if (lostAny) {
          assertTrue(!listener.damage.isEmpty(), "a loss is reported");
        }
        long next = recovered.append(RecordClass.EVENT, MessageType.ALARM, "after".getBytes(UTF_8));
        assertTrue(next > previous, "new ids continue above what was recovered");
      }
      deleteTree(copy);
    }
    System.out.printf(
        "journal recovery fuzz: %d trials (%d truncations, %d corruptions) over %d records%n",
        TRIALS, truncations, corruptions, RECORDS);
  }

  /** Where each record sits in the undamaged files. */
  private static Map<Long, Placed> place(Path dir) throws IOException {
    Map<Long, Placed> placement = new HashMap<>();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path file : paths.filter(p -> p.toString().endsWith(".seg")).toList()) {
        ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(file));
        int position = 0;
        while (position < data.limit()) {
          JournalRecord record = RecordCodec.decode(data, position, data.limit());
          int size = RecordCodec.size(record.payload().length);
          placement.put(record.id(), new Placed(file, position, size));
          position += size;
        }
      }
    }
    return placement;
  }

  private static JournalConfig config(Path dir) {
    return new JournalConfig(dir, 4096, 1 << 22, Duration.ofDays(14), Duration.ofHours(1), 1 << 20);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
