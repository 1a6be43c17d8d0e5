package org.rehabtelemetry.agent.publish;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.agent.journal.DiskJournal;
import org.rehabtelemetry.agent.journal.JournalConfig;
import org.rehabtelemetry.agent.journal.JournalListener;
import org.rehabtelemetry.agent.journal.RecordClass;
import org.rehabtelemetry.protocol.ChannelSamples;
import org.rehabtelemetry.protocol.DeviceCommand;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.protocol.DeviceState;
import org.rehabtelemetry.protocol.DeviceStatus;
import org.rehabtelemetry.protocol.Header;
import org.rehabtelemetry.protocol.LostRecords;
import org.rehabtelemetry.protocol.MessageCodec;
import org.rehabtelemetry.protocol.MessageType;
import org.rehabtelemetry.protocol.Receipt;
import org.rehabtelemetry.protocol.SampleBatch;
import org.rehabtelemetry.protocol.SeqRange;
import org.rehabtelemetry.protocol.SessionEvent;
import org.rehabtelemetry.protocol.SessionEventType;
import org.rehabtelemetry.protocol.SessionRef;

/** The publisher with storage receipts, over the in-memory transport and a real disk journal. */
class JournalPublisherReceiptTest {
  private static final Header HEADER =
      new Header("vert-01", "boot1", Instant.parse("2026-11-23T09:00:00Z"));

  @TempDir Path dir;
  private final FakeTransport transport = new FakeTransport();
  private final MessageCodec codec = new MessageCodec();
  private final AtomicInteger commandIds = new AtomicInteger();
  private DiskJournal journal;
  private JournalPublisher publisher;
  private int maxAwaiting = ReceiptSettings.DEFAULT_MAX_AWAITING;

  @AfterEach
  void close() {
    if (publisher != null) {
      publisher.close();
    }
    if (journal != null) {
      journal.close();
    }
  }

  @Test
  void brokerAck_doesNotFree_receiptDoes_andOnlyWhatItNames() {
    start(ReceiptSettings.Mode.REQUIRED, Duration.ofMinutes(5));
    appendSamples("S1", 10);
    await().until(() -> transport.published.size() == 11); // the birth and 10 records
    assertEquals("rehab/v1/ward-b/vert-01/cmd", transport.subscribed);
    await().until(() -> publisher.awaitingReceipt() == 10);
    assertEquals(0, journal.sentFrontier(), "acknowledged by the broker, but not stored yet");

    receipt(new Receipt.ForSession("S1", List.of(new SeqRange(0, 5)), null));

    assertEquals(6, journal.sentFrontier());
    assertEquals(4, publisher.awaitingReceipt());
    assertEquals(6, publisher.receiptStats().receipted.sum());
    assertTrue(publisher.receiptStats().latencyQuantileMillis(0.5) >= 0);
    assertTrue(publisher.receiptsRequired());
  }

  /**
   * Flow control: a backlog goes out only as fast as receipts free room, so it drains at the speed
   * the gateway stores; a session event is not held back by it.
   */
  @Test
  void atMostMaxAwaitingSampleRecordsWaitForReceipts_eventsStillGo() {
    maxAwaiting = 8;
    start(ReceiptSettings.Mode.REQUIRED, Duration.ofMinutes(5));
    appendSamples("S1", 20);
    await().until(() -> publisher.awaitingReceipt() == 8);
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2))
        .until(() -> transport.published.size() == 9); // the birth and 8 records, no more
    journal.append(
        RecordClass.EVENT,
        MessageType.SESSION,
        codec.encode(
            new SessionEvent(
                HEADER,
                new SessionRef("S1", 20),
                SessionEventType.PAUSED,
                "therapist",
                null,
                null,
                java.util.Map.of())));
    journal.commit();
    await().until(() -> transport.published.size() == 10);
    assertTrue(
        transport.published.get(9).topic().endsWith("/session"),
        "the event went past the full window: " + transport.published.get(9).topic());

    receipt(new Receipt.ForSession("S1", List.of(new SeqRange(0, 3)), null));
    // 3 more samples: 8 may wait, and 4 samples and the event still do
    await().until(() -> transport.published.size() == 13);
    await().during(Duration.ofMillis(300)).until(() -> transport.published.size() == 13);
    assertEquals(8, publisher.awaitingReceipt());
    assertEquals(4, journal.sentFrontier());
  }

  @Test
  void overdueReceipt_sendsTheRecordAgain_untilAReceiptComes() {
    start(ReceiptSettings.Mode.REQUIRED, Duration.ofMinutes(5));
    appendSamples("S1", 3);
    await().until(() -> publisher.awaitingReceipt() == 3);
    receipt(new Receipt.ForSession("S1", List.of(new SeqRange(0, 0), new SeqRange(2, 2)), null));

    await().atMost(Duration.ofSeconds(10)).until(() -> publisher.receiptStats().resent.sum() >= 1);
    long resentSeq1 =
        transport.published.stream()
            .skip(4)
            .filter(
                p ->
                    new String(p.payload(), java.nio.charset.StandardCharsets.UTF_8)
                        .contains("\"seq\":1,"))
            .count();
    assertTrue(resentSeq1 >= 1, "seq 1 was sent again");
    receipt(new Receipt.ForSession("S1", List.of(new SeqRange(1, 1)), null));
    assertEquals(3, journal.sentFrontier());
    assertEquals(0, publisher.awaitingReceipt());
  }

  @Test
  void auto_beforeAnyReceipt_freesAfterTheGrace_andSaysSo() {
    start(ReceiptSettings.Mode.AUTO, Duration.ofMillis(300));
    assertTrue(publisher.receiptStatus().startsWith("no storage receipt seen yet"));
    appendSamples("S1", 4);

    await().atMost(Duration.ofSeconds(10)).until(() -> journal.sentFrontier() == 4);
    assertEquals(4, publisher.receiptStats().freedWithoutReceipt.sum());
    assertEquals(0, publisher.receiptStats().resent.sum(), "no resends for a receipt-less gateway");
    assertFalse(publisher.receiptsRequired());
  }

  @Test
  void auto_oneReceipt_switchesToRequired_andIsRememberedAcrossRestarts() throws Exception {
    start(ReceiptSettings.Mode.AUTO, Duration.ofMinutes(5));
    appendSamples("S1", 2);
    await().until(() -> publisher.awaitingReceipt() == 2);
    receipt(new Receipt.ForSession("S1", List.of(new SeqRange(0, 0)), null));
    assertEquals(
        "records are kept until the gateway confirms it stored them", publisher.receiptStatus());
    assertTrue(Files.exists(dir.resolve("receipts-seen")));

    publisher.close();
    publisher = publisher(ReceiptSettings.Mode.AUTO, Duration.ofMillis(1));
    assertTrue(publisher.receiptsRequired(), "remembered: no early freeing after a restart");
  }

  @Test
  void anEvent_overtakesABacklogOfSamples() {
    transport.autoAck = false;
    start(ReceiptSettings.Mode.REQUIRED, Duration.ofMinutes(5));
    appendSamples("S1", 200);
    await().until(() -> transport.pending.size() == 8); // the window is full of samples
    byte[] alarm =
        codec.encode(
            new org.rehabtelemetry.protocol.AlarmEvent(
                HEADER,
                null,
                "A1",
                org.rehabtelemetry.protocol.AlarmState.RAISED,
                "ESTOP",
                org.rehabtelemetry.protocol.AlarmPriority.HIGH,
                true,
                null,
                null,
                null,
                "Emergency stop pressed"));
    journal.append(RecordClass.EVENT, MessageType.ALARM, alarm);
    journal.commit();

    transport.ackAll();
    await().until(() -> transport.published.stream().anyMatch(p -> p.topic().endsWith("/alarm")));
    long samplesBefore =
        transport.published.stream()
            .takeWhile(p -> !p.topic().endsWith("/alarm"))
            .filter(p -> p.topic().endsWith("/samples"))
            .count();
    assertTrue(samplesBefore <= 16, samplesBefore + " samples went before the alarm, of 200");
  }

  @Test
  void aResendRequest_sendsTheNamedRecordsAgainAtOnce_notWaitingForTheTimeout() {
    openJournal();
    publisher =
        publisher(ReceiptSettings.Mode.REQUIRED, Duration.ofMinutes(5), Duration.ofMinutes(5));
    appendSamples("S1", 5);
    await().until(() -> publisher.awaitingReceipt() == 5);
    int before = transport.published.size();
    // A record acknowledged less than 2 s ago is on its way (ReceiptTracker.RESEND_SETTLE_NANOS).
    await()
        .pollDelay(Duration.ofMillis(2_100))
        .atMost(Duration.ofSeconds(3))
        .until(() -> transport.published.size() == before);

    transport.deliver(
        codec.encode(
            new org.rehabtelemetry.protocol.ResendRequest(
                    "S1", List.of(new SeqRange(1, 2), new SeqRange(9, 12)))
                .toCommands(HEADER, () -> "C1")
                .get(0)));

    await().atMost(Duration.ofSeconds(2)).until(() -> transport.published.size() == before + 2);
    assertEquals(6, publisher.receiptStats().resendRequested.sum(), "seqs asked for, held or not");
    assertEquals(2, publisher.receiptStats().resent.sum());
  }

  @Test
  void aResendRequestForEvictedRecords_isAnsweredLost_once_withWhenAndWhy() {
    journal = DiskJournal.open(config(8192), JournalListener.NONE);
    appendSamples("S1", 100); // about 27 KB: the oldest segments are evicted unsent
    long lost = 100 - journal.stats().unsentRecords();
    assertTrue(lost > 0, "some were evicted");
    publisher =
        publisher(ReceiptSettings.Mode.REQUIRED, Duration.ofMinutes(5), Duration.ofMinutes(5));
    await().until(() -> publisher.awaitingReceipt() == 100 - lost);

    byte[] request =
        codec.encode(
            new org.rehabtelemetry.protocol.ResendRequest("S1", List.of(new SeqRange(0, 2)))
                .toCommands(HEADER, () -> "C1")
                .get(0));
    transport.deliver(request);
    transport.deliver(request); // asked again at once: not answered twice

    await().atMost(Duration.ofSeconds(2)).until(() -> lostAnswers().size() == 1);
    LostRecords answer = lostAnswers().get(0);
    assertEquals("S1", answer.sessionId());
    assertEquals(List.of(new SeqRange(0, lost - 1)), answer.seqs(), "exactly what was evicted");
    assertEquals("size limit 8192 bytes reached", answer.reason());
    assertEquals("vert-01", answer.header().deviceId());
    assertEquals(3, publisher.receiptStats().answeredLost.sum(), "the seqs asked for");
    assertEquals(100, journal.stats().lastId(), "answers are not journaled: seqs stay journal ids");

    publisher.close();
    publisher = null;
    journal.close();
    journal = DiskJournal.open(config(8192), JournalListener.NONE);
    assertEquals(List.of(new SeqRange(0, lost - 1)), journal.lostOf("S1").get(0).seqs());
    assertEquals(List.of(), journal.lostOf("S2"), "remembered across a restart, per session");
  }

  @Test
  void deadLetterReceipt_frees_andIsCounted() {
    start(ReceiptSettings.Mode.REQUIRED, Duration.ofMinutes(5));
    appendSamples("S1", 2);
    await().until(() -> publisher.awaitingReceipt() == 2);

    receipt(new Receipt.ForSession("S1", List.of(new SeqRange(0, 1)), "outside the time window"));

    assertEquals(2, journal.sentFrontier());
    assertEquals(2, publisher.receiptStats().deadLettered.sum());
  }

  @Test
  void malformedOrForeignCommands_areIgnored_andFreeNothing() {
    start(ReceiptSettings.Mode.REQUIRED, Duration.ofMinutes(5));
    appendSamples("S1", 2);
    await().until(() -> publisher.awaitingReceipt() == 2);

    transport.deliver(
        "{\"schema\":1,\"type\":\"cmd\"".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    transport.deliver(
        codec.encode(
            new DeviceCommand(
                HEADER, "C1", Receipt.COMMAND, Map.of("sessionId", "S1", "seqs", "1-0"))));
    transport.deliver(codec.encode(new DeviceCommand(HEADER, "C2", "PING", Map.of())));

    assertEquals(0, journal.sentFrontier());
    assertEquals(2, publisher.receiptStats().refusedCommands.sum());
  }

  @Test
  void ignore_freesOnTheBrokersAck_andSubscribesToNothing() {
    start(ReceiptSettings.Mode.IGNORE, Duration.ofMinutes(5));
    appendSamples("S1", 3);
    await().until(() -> journal.sentFrontier() == 3);
    assertEquals(null, transport.subscribed);
  }

  private void receipt(Receipt receipt) {
    for (DeviceCommand command :
        receipt.toCommands(HEADER, () -> "R" + commandIds.incrementAndGet())) {
      transport.deliver(codec.encode(command));
    }
  }

  private void appendSamples(String sessionId, int count) {
    for (int seq = 0; seq < count; seq++) {
      SampleBatch batch =
          new SampleBatch(
              HEADER,
              new SessionRef(sessionId, seq),
              1_700_000_000_000_000L,
              List.of(new ChannelSamples("tiltDeg", "deg", new long[] {0}, new double[] {10})));
      journal.append(RecordClass.SAMPLES, MessageType.SAMPLES, codec.encode(batch));
    }
    journal.commit();
  }

  private void start(ReceiptSettings.Mode mode, Duration grace) {
    openJournal();
    publisher = publisher(mode, grace);
  }

  private void openJournal() {
    journal = DiskJournal.open(config(1 << 20), JournalListener.NONE);
  }

  private JournalConfig config(long maxBytes) {
    return new JournalConfig(
        dir.resolve("journal"), 4096, maxBytes, Duration.ofDays(1), Duration.ofMillis(20), 1 << 20);
  }

  private List<LostRecords> lostAnswers() {
    List<LostRecords> answers = new java.util.ArrayList<>();
    for (FakeTransport.Published message : transport.published) {
      if (message.topic().endsWith("/lost")) {
        answers.add((LostRecords) codec.decode(message.topic(), message.payload()));
      }
    }
    return answers;
  }

  private JournalPublisher publisher(ReceiptSettings.Mode mode, Duration grace) {
    return publisher(mode, grace, Duration.ofSeconds(1));
  }

  private JournalPublisher publisher(ReceiptSettings.Mode mode, Duration grace, Duration timeout) {
    JournalPublisher started =
        new JournalPublisher(
            journal,
            transport,
            JournalPublisherTest.settings(8),
            new ReceiptSettings(mode, timeout, grace, dir.resolve("receipts-seen"), maxAwaiting),
            "ward-b",
            "vert-01",
            () -> status(DeviceState.ONLINE),
            () -> status(DeviceState.OFFLINE));
    started.start();
    return started;
  }

  private static DeviceStatus status(DeviceState state) {
    return new DeviceStatus(
        HEADER,
        state,
        DeviceKind.VERTICALIZER,
        "0.1.0",
        true,
        null,
        state == DeviceState.OFFLINE ? "connection lost" : null);
  }
}
