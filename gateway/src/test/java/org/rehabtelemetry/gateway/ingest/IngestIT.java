package org.rehabtelemetry.gateway.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.gateway.session.CompletenessRecorder;
import org.rehabtelemetry.gateway.session.CompletenessTracker;
import org.rehabtelemetry.gateway.storage.InfluxV1SeqQuery;
import org.rehabtelemetry.gateway.storage.InfluxV1Sink;
import org.rehabtelemetry.protocol.ChannelSamples;
import org.rehabtelemetry.protocol.Header;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.MessageCodec;
import org.rehabtelemetry.protocol.Metric;
import org.rehabtelemetry.protocol.SampleBatch;
import org.rehabtelemetry.protocol.SessionEvent;
import org.rehabtelemetry.protocol.SessionEventType;
import org.rehabtelemetry.protocol.SessionRef;
import org.rehabtelemetry.protocol.SessionSummary;
import org.rehabtelemetry.protocol.Topic;
import org.rehabtelemetry.testsupport.InfluxdExtension;
import org.rehabtelemetry.testsupport.MosquittoExtension;

/** Gateway ingest through real Mosquitto into a real influxd. */
class IngestIT {
  private static final int BATCHES = 20;
  private static final int SAMPLES = 10;

  @RegisterExtension final MosquittoExtension mosquitto = new MosquittoExtension();
  @RegisterExtension final InfluxdExtension influxd = new InfluxdExtension();
  @TempDir Path dir;
  private final MessageCodec codec = new MessageCodec();
  private MqttIngest ingest;
  private MqttClient publisher;

  @AfterEach
  void stop() throws Exception {
    if (ingest != null) {
      ingest.close();
    }
    if (publisher != null) {
      publisher.disconnect();
      publisher.close();
    }
  }

  @Test
  void streamOfSessions_isStoredExactlyOnce_byCountAndValues() throws Exception {
    start();
    for (int s = 0; s < 5; s++) {
      publishSession("S" + s);
    }
    awaitSamples(5 * BATCHES * SAMPLES);
    assertEquals(5 * BATCHES * SAMPLES, count("SELECT count(value) FROM sample"));
    assertEquals(10, count("SELECT count(seq) FROM session_event"));
    assertEquals(5, count("SELECT count(records_expected) FROM session_summary"));
    assertEquals(expectedSum(5), sum("SELECT sum(value) FROM sample"), 1e-6, "every value, once");
    assertEquals(0, ingest.writeFailures());
  }

  @Test
  void malformedPayloads_becomeDeadLetters_whileGoodTrafficFlows() throws Exception {
    DeadLetterStore deadLetters = start();
    publishSession("S-good-1");
    publish("rehab/v1/ward-b/vert-01/samples", "not json at all".getBytes(UTF_8));
    publish(
        "rehab/v1/ward-b/vert-01/samples", "{\"schema\":2,\"type\":\"samples\"}".getBytes(UTF_8));
    publish(
        "rehab/v1/ward-b/vert-99/session", codec.encode(event("S-x", 0, SessionEventType.STOPPED)));
    publishSession("S-good-2");
    awaitSamples(2 * BATCHES * SAMPLES);
    await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters.count() == 3);
    List<String> reasons =
        deadLetters.recent().stream().map(DeadLetterStore.DeadLetter::reason).toList();
    assertTrue(reasons.stream().anyMatch(r -> r.contains("is not valid JSON")), reasons.toString());
    assertTrue(
        reasons.stream().anyMatch(r -> r.contains("version 2 is not supported")),
        reasons.toString());
    assertTrue(
        reasons.stream().anyMatch(r -> r.contains("but the topic says 'vert-99'")),
        reasons.toString());
    assertEquals(
        "not json at all",
        new String(
            java.util.Base64.getDecoder().decode(deadLetters.recent().get(2).payloadBase64()),
            UTF_8));
    assertEquals(2 * BATCHES * SAMPLES, count("SELECT count(value) FROM sample"));
  }

  @Test
  void influxdStopped30sMidStream_nothingLost_nothingDuplicated() throws Exception {
    start();
    publishSession("S-a");
    awaitSamples(BATCHES * SAMPLES);
    influxd.server().stop();
    publishSession("S-b");
    publishSession("S-c");
    await().pollDelay(Duration.ofSeconds(30)).atMost(Duration.ofSeconds(35)).until(() -> true);
    assertTrue(ingest.writeFailures() > 0, "writes failed while influxd was down");
    influxd.server().start();
    awaitSamples(3 * BATCHES * SAMPLES);
    assertEquals(3 * BATCHES * SAMPLES, count("SELECT count(value) FROM sample"));
    assertEquals(expectedSum(3), sum("SELECT sum(value) FROM sample"), 1e-6);
    System.out.printf(
        "influxd down 30 s: %d write failures retried, %d samples stored once%n",
        ingest.writeFailures(), 3 * BATCHES * SAMPLES);
  }

  @Test
  void sessionMissingAMessage_isStoredWithItsCompleteness_andCompleteOnesAreComplete()
      throws Exception {
    start();
    publishSession("S-full");
    publishSessionWithout("S-gap", 5);
    awaitSamples(2 * BATCHES * SAMPLES - SAMPLES);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> count("SELECT count(received) FROM session_completeness") == 2);
    String gap =
        influxd
            .server()
            .query(
                "rehab",
                "SELECT received, expected, missing, gaps, complete FROM session_completeness WHERE session='S-gap'");
    assertTrue(gap.contains(",22,23,1,\"5\",false]"), gap);
    String full =
        influxd
            .server()
            .query(
                "rehab",
                "SELECT received, expected, missing, complete FROM session_completeness WHERE session='S-full'");
    assertTrue(full.contains(",23,23,0,true]"), full);
    assertEquals(BATCHES - 1, count("SELECT count(seq) FROM batch WHERE session='S-gap'"));
  }

  @Test
  void twoGatewaysSharingASession_storeItAsComplete_fromTheDatabasesView() throws Exception {
    start();
    InfluxV1Sink sink =
        new InfluxV1Sink(influxd.server().url(), "rehab", null, null, Duration.ofSeconds(5));
    try (MqttIngest second =
        new MqttIngest(
            new IngestSettings(
                mosquitto.server().uri(),
                "gateway-it-2",
                "gateways",
                500,
                1000,
                Duration.ofMillis(200),
                Duration.ofSeconds(2)),
            sink,
            new DeadLetterStore(dir.resolve("dead-2"), Clock.systemUTC()),
            new CompletenessRecorder(
                new CompletenessTracker(100),
                sink,
                new InfluxV1SeqQuery(
                    influxd.server().url(), "rehab", null, Duration.ofSeconds(5))))) {
      second.start();
      publishSession("S-shared");
      awaitSamples(BATCHES * SAMPLES);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  influxd
                      .server()
                      .query(
                          "rehab",
                          "SELECT complete FROM session_completeness WHERE session='S-shared'")
                      .contains(",true]"));
      assertTrue(
          second.storedMessages() > 0 && ingest.storedMessages() > 0, "both gateways took part");
    }
  }

  @Test
  void metricsAndOperatorApi_reportTheTrafficOverHttp() throws Exception {
    DeadLetterStore deadLetters = start();
    publishSession("S-metrics");
    awaitSamples(BATCHES * SAMPLES);
    org.rehabtelemetry.gateway.registry.DeviceRegistry registry =
        new org.rehabtelemetry.gateway.registry.DeviceRegistry(Clock.systemUTC());
    CompletenessTracker tracker = new CompletenessTracker(10);
    org.rehabtelemetry.gateway.dashboard.LiveFeed live =
        new org.rehabtelemetry.gateway.dashboard.LiveFeed();
    try (org.rehabtelemetry.gateway.web.GatewayHttp http =
        new org.rehabtelemetry.gateway.web.GatewayHttp(
            "127.0.0.1",
            0,
            new org.rehabtelemetry.gateway.web.GatewayMetrics(
                ingest, deadLetters, registry, tracker),
            new org.rehabtelemetry.gateway.web.GatewayHttp.Views(
                registry,
                tracker,
                deadLetters,
                new org.rehabtelemetry.gateway.dashboard.AlarmBoard(
                    10, Clock.systemUTC(), live::alarmChanged),
                live,
                new org.rehabtelemetry.gateway.dashboard.LoginSessions(
                    List.of(), Duration.ofHours(1), Clock.systemUTC()),
                false))) {
      http.start();
      java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
      String metrics =
          client
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create("http://" + http.address() + "/metrics"))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString())
              .body();
      assertTrue(metrics.contains("# TYPE rehab_gateway_messages_stored_total counter"), metrics);
      assertTrue(metrics.contains("rehab_gateway_messages_stored_total " + (BATCHES + 3)), metrics);
      assertTrue(
          metrics.contains(
              "rehab_gateway_points_written_total " + (BATCHES * SAMPLES + BATCHES + 3)),
          metrics);
      assertTrue(metrics.contains("rehab_gateway_dead_letters_total 0"), metrics);
    }
  }

  private DeadLetterStore start() throws Exception {
    influxd.server().createDatabase("rehab");
    DeadLetterStore deadLetters =
        new DeadLetterStore(dir.resolve("dead-letters"), Clock.systemUTC());
    InfluxV1Sink sink =
        new InfluxV1Sink(influxd.server().url(), "rehab", null, null, Duration.ofSeconds(5));
    ingest =
        new MqttIngest(
            new IngestSettings(
                mosquitto.server().uri(),
                "gateway-it",
                "gateways",
                500,
                1000,
                Duration.ofMillis(200),
                Duration.ofSeconds(2)),
            sink,
            deadLetters,
            new CompletenessRecorder(
                new CompletenessTracker(1000),
                sink,
                new InfluxV1SeqQuery(
                    influxd.server().url(), "rehab", null, Duration.ofSeconds(5))));
    ingest.start();
    publisher = new MqttClient(mosquitto.server().uri(), "device-sim", new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMaxInflight(100);
    publisher.connect(options);
    return deadLetters;
  }

  private void publishSession(String sessionId) throws Exception {
    publishSessionWithout(sessionId, -1);
  }

  private void publishSessionWithout(String sessionId, long skippedSeq) throws Exception {
    List<Message> messages = new ArrayList<>();
    Instant start =
        Instant.parse("2026-11-23T09:00:00Z")
            .plusSeconds(Math.abs(sessionId.hashCode() % 100_000) * 10L);
    messages.add(started(sessionId));
    for (int b = 1; b <= BATCHES; b++) {
      long[] offsets = new long[SAMPLES];
      double[] values = new double[SAMPLES];
      for (int i = 0; i < SAMPLES; i++) {
        offsets[i] = i * 100_000L;
        values[i] = b * 100 + i;
      }
      long t0 = (start.getEpochSecond() + b) * 1_000_000L;
      messages.add(
          new SampleBatch(
              header(),
              new SessionRef(sessionId, b),
              t0,
              List.of(new ChannelSamples("tiltDeg", "deg", offsets, values))));
    }
    messages.add(event(sessionId, BATCHES + 1, SessionEventType.STOPPED));
    messages.add(
        new SessionSummary(
            header(),
            new SessionRef(sessionId, BATCHES + 2),
            SessionEventType.STOPPED,
            start,
            start.plusSeconds(BATCHES + 1),
            Map.of("durationMin", new Metric(0.35, "min"))));
    for (Message message : messages) {
      if (message.sessionRef().orElseThrow().seq() == skippedSeq) {
        continue;
      }
      publish(new Topic("ward-b", "vert-01", message.type()).toString(), codec.encode(message));
    }
  }

  private SessionEvent started(String sessionId) {
    return new SessionEvent(
        header(),
        new SessionRef(sessionId, 0),
        SessionEventType.STARTED,
        "therapist",
        "P-7F3A",
        "standing",
        Map.of());
  }

  private SessionEvent event(String sessionId, long seq, SessionEventType type) {
    return new SessionEvent(
        header(), new SessionRef(sessionId, seq), type, "therapist", null, null, Map.of());
  }

  private static Header header() {
    return new Header("vert-01", "boot1", Instant.now());
  }

  private void publish(String topic, byte[] payload) throws Exception {
    publisher.publish(topic, payload, 1, false);
  }

  private static double expectedSum(int sessions) {
    double sum = 0;
    for (int b = 1; b <= BATCHES; b++) {
      for (int i = 0; i < SAMPLES; i++) {
        sum += b * 100 + i;
      }
    }
    return sum * sessions;
  }

  private void awaitSamples(long expected) {
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(() -> count("SELECT count(value) FROM sample") >= expected);
  }

  private long count(String query) {
    return (long) number(query);
  }

  private double sum(String query) {
    return number(query);
  }

  private double number(String query) {
    String answer = influxd.server().query("rehab", query);
    Matcher value =
        Pattern.compile("\"values\":\\[\\[\"[^\"]+\",([0-9.eE+-]+)\\]\\]").matcher(answer);
    if (!value.find()) {
      return 0;
    }
    return Double.parseDouble(value.group(1));
  }
}
