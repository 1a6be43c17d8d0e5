package org.rehabtelemetry.gateway.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.gateway.deadletter.DeadLetterStore;
import org.rehabtelemetry.gateway.storage.FakeSink;
import org.rehabtelemetry.gateway.testing.TestSessions;
import org.rehabtelemetry.protocol.ChannelSamples;
import org.rehabtelemetry.protocol.Header;
import org.rehabtelemetry.protocol.LiveSamples;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.MessageCodec;
import org.rehabtelemetry.protocol.TimeWindow;
import org.rehabtelemetry.runtime.health.Heartbeat;

/** Ingest's acknowledgement, split and retry logic, on a fake broker and a fake sink. */
class IngestTest {
  private static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");
  private static final String TOPIC = "rehab/v1/ward-b/vert-01/";

  @TempDir Path dir;
  private final FakeInboundBroker broker = new FakeInboundBroker();
  private final FakeSink sink = new FakeSink();
  private final List<Message> stored = new CopyOnWriteArrayList<>();
  private final List<Message> arrived = new CopyOnWriteArrayList<>();
  private DeadLetterStore deadLetters;
  private Ingest ingest;

  private void start(long maxQueueBytes) {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    deadLetters = new DeadLetterStore(dir.resolve("dead"), clock, 1 << 20, Duration.ofDays(30));
    ingest =
        new Ingest(
            new IngestSettings(
                null,
                50,
                1 << 20,
                maxQueueBytes,
                Duration.ofMillis(10),
                Duration.ofMillis(40),
                TimeWindow.DEFAULT),
            broker,
            sink,
            deadLetters,
            new CardinalityGuard(
                CardinalityGuard.Bounds.DEFAULT, dir.resolve("cardinality.json"), clock),
            new IngestListener() {
              @Override
              public void stored(String site, Message message) {
                stored.add(message);
              }

              @Override
              public void arrived(String site, Message message) {
                arrived.add(message);
              }
            },
            clock,
            Heartbeat.NONE,
            nanos -> {});
    ingest.start();
  }

  @AfterEach
  void stop() {
    if (ingest != null) {
      ingest.close();
    }
  }

  @Test
  void aSession_isStoredOnce_andEachMessageAcknowledgedAfterItsWrite() throws Exception {
    start(16 << 20);
    List<Integer> ids = deliverSession("S1", 5, 10);
    await().atMost(Duration.ofSeconds(5)).until(() -> broker.acked().size() == ids.size());
    assertEquals(List.of(), deadLetters.recent(), "no dead letters");
    assertEquals(ids, broker.acked(), "every message, in order");
    assertEquals(50, sink.count("sample"));
    assertEquals(ids.size(), stored.size(), "the listeners heard each once it was stored");
    assertEquals(ids.size(), ingest.stats().stored());
  }

  @Test
  void whileTheDatabaseIsDown_nothingIsAcknowledged_thenEverything() throws Exception {
    start(16 << 20);
    sink.failNext(5);
    List<Integer> ids = deliverSession("S1", 3, 10);
    await().atMost(Duration.ofSeconds(5)).until(() -> sink.writes() >= 5);
    await().atMost(Duration.ofSeconds(5)).until(() -> broker.acked().size() == ids.size());
    assertEquals(5, ingest.stats().writeFailures());
    assertEquals(30, sink.count("sample"));
  }

  @Test
  void aMessageTheDatabaseRefuses_isFoundBySplitting_andOnlyItIsADeadLetter() throws Exception {
    start(16 << 20);
    sink.refuseLinesContaining("value=203.0");
    List<Integer> ids = deliverSession("S1", 4, 10);
    await().atMost(Duration.ofSeconds(5)).until(() -> broker.acked().size() == ids.size());
    assertEquals(1, deadLetters.count());
    assertTrue(
        deadLetters.recent().get(0).reason().startsWith("refused by the database: HTTP 400"));
    assertEquals(30, sink.count("sample"), "batches 1, 3 and 4 stored; batch 2 refused");
  }

  @Test
  void invalidAndHostileMessages_becomeDeadLetters_whileGoodOnesAreStored() throws Exception {
    start(16 << 20);
    int bad1 = broker.deliver(TOPIC + "samples", "{not json".getBytes(StandardCharsets.UTF_8));
    int bad2 =
        broker.deliver(
            TOPIC + "session",
            ("{\"schema\":1,\"type\":\"session\",\"deviceId\":\"vert-01\",\"bootId\":\"b\","
                    + "\"time\":\"2026-11-30T08:59:00Z\",\"sessionId\":\"S9\",\"seq\":4294967296,"
                    + "\"event\":\"stopped\",\"reason\":\"x\"}")
                .getBytes(StandardCharsets.UTF_8));
    int bad3 =
        broker.deliver(
            TOPIC + "session",
            ("{\"schema\":1,\"type\":\"session\",\"deviceId\":\"vert-01\",\"bootId\":\"b\","
                    + "\"time\":\"2199-01-01T00:00:00Z\",\"sessionId\":\"S9\",\"seq\":1,"
                    + "\"event\":\"stopped\",\"reason\":\"x\"}")
                .getBytes(StandardCharsets.UTF_8));
    List<Integer> ids = deliverSession("S1", 2, 10);
    await().atMost(Duration.ofSeconds(5)).until(() -> broker.acked().size() == ids.size() + 3);
    assertEquals(3, deadLetters.count());
    List<String> reasons = deadLetters.recent().stream().map(d -> d.reason()).toList();
    assertTrue(
        reasons.get(1).contains("field 'seq': must be an integer from 0 to 999999"),
        reasons.toString());
    assertTrue(reasons.get(0).contains("ahead of the receiver's clock"), reasons.toString());
    assertTrue(broker.acked().containsAll(List.of(bad1, bad2, bad3)));
    assertEquals(20, sink.count("sample"));
  }

  @Test
  void livePreviews_areShownAndAcknowledged_neverStoredOrDeadLettered_evenWhenInvalid()
      throws Exception {
    start(16 << 20);
    LiveSamples preview =
        new LiveSamples(
            new Header("vert-01", "b", NOW),
            "S1",
            NOW.toEpochMilli() * 1000,
            List.of(new ChannelSamples("tiltDeg", "deg", new long[] {0}, new double[] {45})));
    int good = broker.deliver(TOPIC + "live", new MessageCodec().encode(preview));
    int unsetClock =
        broker.deliver(
            TOPIC + "live",
            new MessageCodec()
                .encode(
                    new LiveSamples(
                        new Header("vert-01", "b", Instant.EPOCH.plusSeconds(5)),
                        "S1",
                        5_000_000,
                        preview.channels())));
    int garbage = broker.deliver(TOPIC + "live", "{not json".getBytes(StandardCharsets.UTF_8));
    await().atMost(Duration.ofSeconds(5)).until(() -> broker.acked().size() == 3);
    assertEquals(List.of(good, unsetClock, garbage), broker.acked());
    assertEquals(1, arrived.size(), "only the valid one is shown");
    assertEquals(preview.header(), arrived.get(0).header());
    assertEquals(0, deadLetters.count(), "a refused preview is not a dead letter");
    assertEquals(List.of(), stored);
    assertEquals(0, sink.count("sample"));
    assertEquals(1, ingest.stats().previews());
    assertEquals(2, ingest.stats().previewsDropped());
    assertEquals(3, ingest.stats().received());
  }

  @Test
  void aConnectionLoss_leavesWhatWasReceivedUnacknowledged_forTheBrokerToDeliverAgain()
      throws Exception {
    start(16 << 20);
    sink.failNext(1_000);
    deliverSession("S1", 3, 10);
    await().atMost(Duration.ofSeconds(5)).until(() -> sink.writes() >= 2);
    broker.dropConnection();
    sink.failNext(0);
    await().pollDelay(Duration.ofMillis(300)).until(() -> true);
    assertEquals(List.of(), broker.acked(), "nothing of the old connection is acknowledged");
    List<Integer> again = deliverSession("S1", 3, 10);
    await().atMost(Duration.ofSeconds(5)).until(() -> broker.acked().size() == again.size());
    assertEquals(30, sink.count("sample"), "redelivered points overwrite themselves");
  }

  @Test
  void memoryIsBoundedByWeight_notCount_andAFullQueueHoldsTheBroker() throws Exception {
    start(4 << 20);
    sink.failNext(Integer.MAX_VALUE);
    byte[] big = bigBatch();
    Thread deliverer =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < 40; i++) {
                  broker.deliver(TOPIC + "samples", big);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    deliverer.start();
    await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
    assertTrue(deliverer.isAlive(), "the broker's thread waits: the queue is full");
    assertTrue(
        ingest.pendingWeight() <= 4 << 20,
        "weight in the queue " + ingest.pendingWeight() + " within the 4 MiB bound");
    deliverer.interrupt();
  }

  private List<Integer> deliverSession(String sessionId, int batches, int samples)
      throws InterruptedException {
    List<Integer> ids = new java.util.ArrayList<>();
    for (TestSessions.Published message :
        TestSessions.encode(
            "ward-b",
            TestSessions.session("vert-01", sessionId, NOW.minusSeconds(600), batches, samples))) {
      ids.add(broker.deliver(message.topic(), message.payload()));
    }
    return ids;
  }

  /** A sample batch near the 256 KiB limit. */
  private static byte[] bigBatch() {
    List<Message> session = TestSessions.session("vert-01", "SB", NOW.minusSeconds(600), 1, 12_000);
    return TestSessions.encode("ward-b", List.of(session.get(1))).get(0).payload();
  }
}
