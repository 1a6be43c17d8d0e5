package org.rehabtelemetry.agent.journal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.protocol.ChannelSamples;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.protocol.DeviceState;
import org.rehabtelemetry.protocol.DeviceStatus;
import org.rehabtelemetry.protocol.Header;
import org.rehabtelemetry.protocol.MessageCodec;
import org.rehabtelemetry.protocol.MessageType;
import org.rehabtelemetry.protocol.SampleBatch;
import org.rehabtelemetry.protocol.SessionRef;

/**
 * What every {@link Journal} must do, run against each implementation (Telegraf's buffer suite is
 * the model): {@link MemoryJournalContractTest} and {@link DiskJournalContractTest}.
 */
abstract class JournalContract {
  protected final RecordingJournalListener listener = new RecordingJournalListener();

  /** A journal bounded to about {@code maxBytes} of records, empty. */
  protected abstract Journal journal(long maxBytes);

  @Test
  void appendedRecords_areHandedOutOnlyAfterCommit_inIdOrder_acrossLanes() {
    try (Journal journal = journal(1 << 20)) {
      long first = journal.append(RecordClass.EVENT, MessageType.SESSION, bytes("started"));
      long second = journal.append(RecordClass.SAMPLES, MessageType.SAMPLES, bytes("batch 1"));
      assertEquals(1, first);
      assertEquals(2, second);
      assertEquals(3, journal.nextId());
      assertEquals(List.of(), journal.readUnsent(0, 10), "nothing before the commit");
      journal.commit();
      List<JournalRecord> records = journal.readUnsent(0, 10);
      assertEquals(List.of(first, second), ids(records));
      assertEquals(MessageType.SAMPLES, records.get(1).type());
      assertEquals(RecordClass.SAMPLES, records.get(1).recordClass());
      assertArrayEquals(bytes("batch 1"), records.get(1).payload());
      assertEquals(List.of(second), ids(journal.readUnsent(first, 10)));
      assertEquals(List.of(first), ids(journal.readUnsent(0, 1)), "at most max");
    }
  }

  @Test
  void eachLane_readsOnItsOwn_inIdOrder_andTheMergedReadKeepsIdOrder() {
    try (Journal journal = journal(1 << 20)) {
      for (int i = 0; i < 20; i++) {
        journal.append(RecordClass.SAMPLES, MessageType.SAMPLES, bytes("batch " + i));
        if (i % 5 == 4) {
          journal.append(RecordClass.EVENT, MessageType.ALARM, bytes("alarm " + i));
        }
      }
      journal.commit();
      assertEquals(List.of(6L, 12L, 18L, 24L), ids(journal.readUnsent(RecordClass.EVENT, 0, 10)));
      assertEquals(List.of(12L, 18L), ids(journal.readUnsent(RecordClass.EVENT, 6, 2)));
      assertEquals(
          List.of(1L, 2L, 3L), ids(journal.readUnsent(RecordClass.SAMPLES, 0, 3)), "at most max");
      assertEquals(List.of(7L, 8L), ids(journal.readUnsent(RecordClass.SAMPLES, 5, 2)));
      assertEquals(List.of(5L, 6L, 7L, 8L), ids(journal.readUnsent(4, 4)));
      journal.ack(6);
      assertEquals(List.of(12L), ids(journal.readUnsent(RecordClass.EVENT, 0, 1)));
      assertEquals(24, journal.readUnsent(0, 100).size() + 1, "one acked");
    }
  }

  @Test
  void acks_moveTheSentFrontier_overTheContiguousPrefix() {
    try (Journal journal = journal(1 << 20)) {
      for (int i = 0; i < 5; i++) {
        journal.append(RecordClass.SAMPLES, MessageType.SAMPLES, bytes("r" + i));
      }
      journal.commit();
      assertEquals(0, journal.sentFrontier());
      journal.ack(1);
      journal.ack(2);
      journal.ack(4);
      journal.ack(4);
      journal.ack(99);
      assertEquals(2, journal.sentFrontier());
      assertEquals(List.of(3L, 5L), ids(journal.readUnsent(0, 10)));
      journal.ack(3);
      assertEquals(4, journal.sentFrontier());
      assertEquals(1, journal.stats().unsentRecords());
    }
  }

  @Test
  void whenFull_samplesGoBeforeEvents_andEveryUnsentLossIsReported() {
    try (Journal journal = journal(16_384)) {
      long event = journal.append(RecordClass.EVENT, MessageType.ALARM, new byte[500]);
      for (int i = 0; i < 100; i++) {
        journal.append(RecordClass.SAMPLES, MessageType.SAMPLES, new byte[500]);
        journal.commit();
      }
      List<Long> left = ids(journal.readUnsent(0, 1000));
      assertTrue(left.contains(event), "the event survives while samples can go");
      assertTrue(left.size() < 101, "something was evicted: " + left.size());
      assertTrue(listener.evictions.stream().allMatch(e -> e.startsWith("SAMPLES")));
      assertEquals(101 - left.size(), journal.stats().evictedUnsent(), "every loss is counted");
      assertEquals(
          101 - left.size(),
          listener.evictions.stream()
              .mapToLong(e -> Long.parseLong(e.substring(e.indexOf("unsent=") + 7)))
              .sum(),
          "and reported");
    }
  }

  @Test
  void evictedUnsentSessionRecords_areRememberedAsLost_perSession_exactly() {
    MessageCodec codec = new MessageCodec();
    Header header = new Header("vert-01", "boot1", Instant.parse("2026-11-23T09:00:00Z"));
    Map<Long, SessionRef> refs = new HashMap<>();
    Set<Long> acked = new HashSet<>();
    try (Journal journal = journal(16_384)) {
      journal.append(
          RecordClass.SAMPLES,
          MessageType.STATUS,
          codec.encode(
              new DeviceStatus(
                  header, DeviceState.ONLINE, DeviceKind.VERTICALIZER, "1", true, null, null)));
      for (int seq = 0; seq < 100; seq++) {
        for (String session : List.of("S1", "S2")) {
          SessionRef ref = new SessionRef(session, seq);
          long id =
              journal.append(
                  RecordClass.SAMPLES,
                  MessageType.SAMPLES,
                  codec.encode(
                      new SampleBatch(
                          header,
                          ref,
                          1_700_000_000_000_000L,
                          List.of(
                              new ChannelSamples(
                                  "tiltDeg", "deg", new long[] {0}, new double[] {seq})))));
          refs.put(id, ref);
          if (session.equals("S1") && seq % 5 == 0) {
            journal.commit();
            journal.ack(id); // sent: its eviction loses nothing
            acked.add(id);
          }
        }
        journal.commit();
      }
      Set<Long> kept = new HashSet<>(ids(journal.readUnsent(0, 1000)));
      assertTrue(kept.size() < refs.size() - acked.size(), "something was evicted");
      for (String session : List.of("S1", "S2")) {
        Set<Long> lostSeqs = new TreeSet<>();
        refs.forEach(
            (id, ref) -> {
              if (ref.sessionId().equals(session) && !kept.contains(id) && !acked.contains(id)) {
                lostSeqs.add(ref.seq());
              }
            });
        Set<Long> answered = new TreeSet<>();
        for (LostSeqs lost : journal.lostOf(session)) {
          assertEquals("size limit", lost.reason().substring(0, 10));
          lost.seqs()
              .forEach(r -> LongStream.rangeClosed(r.first(), r.last()).forEach(answered::add));
        }
        assertEquals(lostSeqs, answered, session + ": exactly the unsent evicted seqs");
      }
      assertEquals(List.of(), journal.lostOf("S3"));
    }
  }

  static List<Long> ids(List<JournalRecord> records) {
    return records.stream().map(JournalRecord::id).toList();
  }

  static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }
}
