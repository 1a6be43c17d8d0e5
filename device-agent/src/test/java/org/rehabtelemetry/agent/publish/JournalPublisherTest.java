package org.rehabtelemetry.agent.publish;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.agent.journal.DiskJournal;
import org.rehabtelemetry.agent.journal.JournalConfig;
import org.rehabtelemetry.agent.journal.JournalListener;
import org.rehabtelemetry.agent.journal.RecordClass;
import org.rehabtelemetry.config.MqttConnection;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.protocol.DeviceState;
import org.rehabtelemetry.protocol.DeviceStatus;
import org.rehabtelemetry.protocol.Header;
import org.rehabtelemetry.protocol.MessageType;

class JournalPublisherTest {
  @TempDir Path dir;
  private final FakeTransport transport = new FakeTransport();
  private DiskJournal journal;
  private JournalPublisher publisher;

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
  void connect_registersOfflineWill_publishesRetainedBirth_thenRecordsInOrder() {
    start(8);
    for (int i = 0; i < 20; i++) {
      journal.append(RecordClass.SAMPLES, MessageType.SAMPLES, ("r" + i).getBytes(UTF_8));
    }
    journal.commit();
    await().atMost(Duration.ofSeconds(5)).until(() -> journal.sentFrontier() == 20);
    assertEquals("rehab/v1/ward-b/vert-01/status", transport.will.topic());
    assertTrue(new String(transport.will.payload(), UTF_8).contains("\"state\":\"offline\""));
    FakeTransport.Published birth = transport.published.get(0);
    assertTrue(birth.retained());
    assertTrue(new String(birth.payload(), UTF_8).contains("\"state\":\"online\""));
    List<String> payloads = new ArrayList<>();
    transport.published.stream().skip(1).forEach(p -> payloads.add(new String(p.payload(), UTF_8)));
    assertEquals(20, payloads.size());
    for (int i = 0; i < 20; i++) {
      assertEquals("r" + i, payloads.get(i));
    }
    assertEquals("rehab/v1/ward-b/vert-01/samples", transport.published.get(1).topic());
  }

  @Test
  void window_limitsUnacknowledgedPublishes() {
    transport.autoAck = false;
    start(4);
    for (int i = 0; i < 10; i++) {
      journal.append(RecordClass.SAMPLES, MessageType.SAMPLES, new byte[] {(byte) i});
    }
    journal.commit();
    await().atMost(Duration.ofSeconds(5)).until(() -> transport.pending.size() == 4);
    await().pollDelay(Duration.ofMillis(200)).until(() -> true);
    assertEquals(4, transport.pending.size(), "no more than the window in flight");
    transport.ackAll();
    await().atMost(Duration.ofSeconds(5)).until(() -> transport.pending.size() == 4);
    assertEquals(4, journal.sentFrontier());
  }

  @Test
  void connectionDrop_resendsFromFirstUnacknowledged_skipsNothing() {
    transport.autoAck = false;
    start(4);
    for (int i = 1; i <= 6; i++) {
      journal.append(RecordClass.SAMPLES, MessageType.SAMPLES, new byte[] {(byte) i});
    }
    journal.commit();
    await().atMost(Duration.ofSeconds(5)).until(() -> transport.pending.size() == 4);
    transport.pending.get(0).onAck().run();
    transport.pending.remove(0);
    transport.autoAck = true;
    transport.drop();
    await().atMost(Duration.ofSeconds(10)).until(() -> journal.sentFrontier() == 6);
    List<Integer> order = new ArrayList<>();
    transport.published.stream()
        .filter(p -> p.topic().endsWith("/samples"))
        .forEach(p -> order.add((int) p.payload()[0]));
    int firstTwo = order.indexOf(2);
    int resendAt = firstTwo + 1 + order.subList(firstTwo + 1, order.size()).indexOf(2);
    List<Integer> beforeDrop = order.subList(0, resendAt);
    for (int i = 0; i < beforeDrop.size(); i++) {
      assertEquals(i + 1, beforeDrop.get(i), "before the drop: 1, 2, 3 ... in order");
    }
    assertEquals(
        List.of(2, 3, 4, 5, 6),
        order.subList(resendAt, order.size()),
        "after the drop: everything from the first unacknowledged record, nothing skipped");
    assertEquals(2, transport.connects);
  }

  @Test
  void brokerUnreachable_keepsRetrying_andSendsWhenItComesBack() {
    transport.refuseConnect = true;
    start(8);
    journal.append(RecordClass.EVENT, MessageType.SESSION, new byte[] {1});
    journal.commit();
    await().pollDelay(Duration.ofMillis(300)).until(() -> true);
    assertEquals(0, journal.sentFrontier());
    transport.refuseConnect = false;
    await().atMost(Duration.ofSeconds(5)).until(() -> journal.sentFrontier() == 1);
  }

  @Test
  void rateLimiter_allowsBurstOfOneSecond_thenTheRate() {
    long[] now = {0};
    RateLimiter limiter = new RateLimiter(10, () -> now[0]);
    int granted = 0;
    while (limiter.tryAcquire()) {
      granted++;
    }
    assertEquals(10, granted);
    assertEquals(100_000_000L, limiter.nanosUntilAvailable());
    now[0] += 500_000_000L;
    granted = 0;
    while (limiter.tryAcquire()) {
      granted++;
    }
    assertEquals(5, granted);
  }

  @Test
  void settings_neverShowThePassword() {
    MqttSettings settings = settings(8);
    MqttSettings withSecret =
        new MqttSettings(
            new MqttConnection(
                settings.uri(), settings.clientId(), "agent", "s3cret".toCharArray(), null),
            settings.connectTimeout(),
            settings.keepAlive(),
            8,
            100,
            settings.reconnectInitial(),
            settings.reconnectMax());
    assertTrue(!withSecret.toString().contains("s3cret"), withSecret.toString());
    assertEquals(16, withSecret.pahoMaxInflight());
  }

  private void start(int window) {
    journal =
        DiskJournal.open(
            new JournalConfig(
                dir, 4096, 1 << 20, Duration.ofDays(1), Duration.ofMillis(20), 1 << 20),
            JournalListener.NONE);
    publisher =
        new JournalPublisher(
            journal,
            transport,
            settings(window),
            "ward-b",
            "vert-01",
            () -> status(DeviceState.ONLINE),
            () -> status(DeviceState.OFFLINE));
    publisher.start();
  }

  private static DeviceStatus status(DeviceState state) {
    return new DeviceStatus(
        new Header("vert-01", "boot1", Instant.parse("2026-11-23T09:00:00Z")),
        state,
        DeviceKind.VERTICALIZER,
        "0.1.0",
        true,
        null,
        state == DeviceState.OFFLINE ? "connection lost" : null);
  }

  static MqttSettings settings(int window) {
    return new MqttSettings(
        new MqttConnection("tcp://127.0.0.1:1", "agent-vert-01", null, null, null),
        Duration.ofSeconds(2),
        Duration.ofSeconds(10),
        window,
        1000,
        Duration.ofMillis(20),
        Duration.ofMillis(100));
  }
}
