package org.rehabtelemetry.agent.publish;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.agent.journal.DiskJournal;
import org.rehabtelemetry.agent.journal.JournalConfig;
import org.rehabtelemetry.agent.journal.JournalListener;
import org.rehabtelemetry.agent.journal.RecordClass;
import org.rehabtelemetry.agent.mqtt.PahoTransport;
import org.rehabtelemetry.config.MqttConnection;
import org.rehabtelemetry.protocol.ChannelSamples;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.protocol.DeviceState;
import org.rehabtelemetry.protocol.DeviceStatus;
import org.rehabtelemetry.protocol.Header;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.MessageCodec;
import org.rehabtelemetry.protocol.MessageType;
import org.rehabtelemetry.protocol.SampleBatch;
import org.rehabtelemetry.protocol.SessionRef;
import org.rehabtelemetry.testsupport.MosquittoExtension;

/** The journal publisher through real Mosquitto, with the broker stopped mid-stream. */
class JournalPublisherIT {
  private static final Duration OUTAGE = Duration.ofSeconds(10);

  @RegisterExtension final MosquittoExtension mosquitto = new MosquittoExtension();
  @TempDir Path dir;
  private final MessageCodec codec = new MessageCodec();

  @Test
  void brokerStoppedMidStream_everyRecordArrives_inSequenceOrder_withNoGap() throws Exception {
    List<Long> received = new CopyOnWriteArrayList<>();
    MqttClient subscriber = subscriber(received);
    AtomicLong nextSeq = new AtomicLong();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    try (DiskJournal journal =
            DiskJournal.open(
                new JournalConfig(
                    dir, 1 << 16, 1 << 24, Duration.ofDays(1), Duration.ofMillis(100), 1 << 20),
                JournalListener.NONE);
        JournalPublisher publisher =
            new JournalPublisher(
                journal,
                new PahoTransport(settings()),
                settings(),
                "ward-b",
                "vert-01",
                () -> status(DeviceState.ONLINE),
                () -> status(DeviceState.OFFLINE))) {
      publisher.start();
      sampler.scheduleAtFixedRate(
          () -> {
            long seq = nextSeq.getAndIncrement();
            journal.append(RecordClass.SAMPLES, MessageType.SAMPLES, codec.encode(batch(seq)));
          },
          0,
          50,
          TimeUnit.MILLISECONDS);

      await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 40);
      mosquitto.server().stop();
      long stoppedAt = nextSeq.get();
      await().pollDelay(OUTAGE).atMost(OUTAGE.plusSeconds(5)).until(() -> true);
      assertTrue(nextSeq.get() - stoppedAt >= 150, "the session went on sampling offline");
      mosquitto.server().start();
      await().atMost(Duration.ofSeconds(10)).until(() -> nextSeq.get() - stoppedAt >= 300);
      sampler.shutdown();
      sampler.awaitTermination(5, TimeUnit.SECONDS);
      long total = nextSeq.get();

      await().atMost(Duration.ofSeconds(30)).until(() -> distinct(received).size() == total);
      List<Long> firstArrivals = new ArrayList<>(distinct(received));
      for (int i = 0; i < firstArrivals.size(); i++) {
        assertEquals(i, firstArrivals.get(i), "seq " + i + " arrived in order");
      }
      System.out.printf(
          "broker outage %d s: %d records, %d deliveries (%d re-sent), all in order%n",
          OUTAGE.toSeconds(), total, received.size(), received.size() - total);
    } finally {
      sampler.shutdownNow();
      subscriber.disconnect();
      subscriber.close();
    }
  }

  private static Set<Long> distinct(List<Long> received) {
    return new LinkedHashSet<>(received);
  }

  private MqttClient subscriber(List<Long> received) throws Exception {
    MqttClient client =
        new MqttClient(mosquitto.server().uri(), "gateway-test", new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(false);
    options.setAutomaticReconnect(true);
    options.setMaxReconnectDelay(500);
    client.setCallback(
        new org.eclipse.paho.client.mqttv3.MqttCallbackExtended() {
          @Override
          public void connectComplete(boolean reconnect, String serverUri) {}

          @Override
          public void connectionLost(Throwable cause) {}

          @Override
          public void messageArrived(
              String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
            Message decoded = codec.decode(topic, message.getPayload());
            received.add(decoded.sessionRef().orElseThrow().seq());
          }

          @Override
          public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {}
        });
    client.connect(options);
    client.subscribe("rehab/v1/+/+/samples", 1);
    return client;
  }

  private MqttSettings settings() {
    return new MqttSettings(
        new MqttConnection(mosquitto.server().uri(), "agent-vert-01", null, null, null),
        Duration.ofSeconds(2),
        Duration.ofSeconds(5),
        32,
        200,
        Duration.ofMillis(200),
        Duration.ofSeconds(2));
  }

  private static SampleBatch batch(long seq) {
    Instant time = Instant.parse("2026-11-23T09:00:00Z").plusMillis(seq * 50);
    return new SampleBatch(
        new Header("vert-01", "boot1", time),
        new SessionRef("S-it-1", seq),
        time.toEpochMilli() * 1000,
        List.of(
            new ChannelSamples(
                "tiltDeg",
                "deg",
                new long[] {0, 25_000},
                new double[] {seq % 90, seq % 90 + 0.5})));
  }

  private static DeviceStatus status(DeviceState state) {
    return new DeviceStatus(
        new Header("vert-01", "boot1", Instant.now()),
        state,
        DeviceKind.VERTICALIZER,
        "0.1.0",
        true,
        null,
        null);
  }
}
