package org.rehabtelemetry.agent.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.protocol.MessageType;
import org.rehabtelemetry.testsupport.CrashableFiles;

/**
 * Power cuts at random instants, 200 of them, on a file layer that drops every write that was not
 * fsynced ({@link CrashableFiles}). Each round runs a random mix of appends (both lanes, small
 * segments so lanes roll often), commits, publishing and acknowledgements, cuts the power, reopens
 * the journal and checks:
 *
 * <ul>
 *   <li>no record was handed out for publishing before it was fsynced, its segment's name included;
 *   <li>every record handed out and not acknowledged is found again;
 *   <li>every record the journal called durable and that was not acknowledged is found again;
 *   <li>new ids continue above every id ever handed out.
 * </ul>
 */
class PowerCutTest {
  private static final Path DIR = Path.of("/journal");
  private static final int CUTS = 200;

  @Test
  void twoHundredPowerCuts_loseNoPublishedOrDurableRecord_andPublishNothingUnsynced() {
    Random random = new Random(20261130);
    long publishedTotal = 0;
    for (int cut = 0; cut < CUTS; cut++) {
      publishedTotal += oneCut(new Random(random.nextLong()), cut);
    }
    System.out.println(
        "power cuts: "
            + CUTS
            + " of "
            + CUTS
            + " recovered every published and durable record ("
            + publishedTotal
            + " records published in all)");
  }

  private long oneCut(Random random, int cut) {
    CrashableFiles files = new CrashableFiles();
    RecordingJournalListener listener = new RecordingJournalListener();
    JournalConfig config =
        new JournalConfig(
            DIR, 4096, 64L << 20, Duration.ofDays(14), Duration.ofHours(1), 16L << 20);
    Set<Long> published = new TreeSet<>();
    Set<Long> acked = new HashSet<>();
    long durableAtCut;
    DiskJournal journal =
        DiskJournal.open(config, listener, Clock.systemUTC(), files, DiskFaults.NONE);
    int operations = 20 + random.nextInt(400);
    for (int op = 0; op < operations; op++) {
      int action = random.nextInt(10);
      if (action < 6) {
        RecordClass lane = random.nextInt(4) == 0 ? RecordClass.EVENT : RecordClass.SAMPLES;
        byte[] payload = new byte[10 + random.nextInt(900)];
        random.nextBytes(payload);
        journal.append(lane, MessageType.SAMPLES, payload);
      } else if (action < 8) {
        journal.commit();
      } else {
        List<JournalRecord> sent = journal.readUnsent(journal.sentFrontier(), 16);
        Set<Long> durableIds = durableIds(files);
        for (JournalRecord record : sent) {
          assertTrue(
              durableIds.contains(record.id()),
              "cut " + cut + ": record " + record.id() + " was handed out before it was fsynced");
          published.add(record.id());
          if (random.nextInt(3) > 0) {
            journal.ack(record.id());
            acked.add(record.id());
          }
        }
      }
    }
    durableAtCut = journal.stats().durableId();
    journal.halt();
    files.crash(random);

    DiskJournal reopened =
        DiskJournal.open(config, listener, Clock.systemUTC(), files, DiskFaults.NONE);
    Set<Long> found = new HashSet<>();
    for (JournalRecord record : reopened.readUnsent(0, Integer.MAX_VALUE)) {
      found.add(record.id());
    }
    for (long id : published) {
      assertTrue(
          acked.contains(id) || found.contains(id),
          "cut " + cut + ": published record " + id + " is lost");
    }
    for (long id = 1; id <= durableAtCut; id++) {
      assertTrue(
          acked.contains(id) || found.contains(id),
          "cut "
              + cut
              + ": durable record "
              + id
              + " (durable up to "
              + durableAtCut
              + ") is lost");
    }
    long maxPublished = published.isEmpty() ? 0 : ((TreeSet<Long>) published).last();
    assertTrue(reopened.nextId() > maxPublished, "cut " + cut + ": an id would be reused");
    assertEquals(
        0,
        listener.damage.stream().filter(d -> d.contains("missing")).count(),
        "cut " + cut + ": " + listener.damage);
    reopened.halt();
    return published.size();
  }

  /** The ids of every complete record in the durable content of the journal's segments. */
  private static Set<Long> durableIds(CrashableFiles files) {
    Set<Long> ids = new HashSet<>();
    for (byte[] content : files.durableContents(DIR, ".seg")) {
      ByteBuffer data = ByteBuffer.wrap(content);
      int position = 0;
      while (position < content.length) {
        JournalRecord record = RecordCodec.decode(data, position, content.length);
        if (record == null) {
          break;
        }
        ids.add(record.id());
        position += RecordCodec.size(record.payload().length);
      }
    }
    return ids;
  }
}
