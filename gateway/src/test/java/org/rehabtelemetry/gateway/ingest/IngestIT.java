package org.rehabtelemetry.gateway.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.gateway.Gateway;
import org.rehabtelemetry.gateway.deadletter.DeadLetterStore;
import org.rehabtelemetry.gateway.session.Completeness;
import org.rehabtelemetry.gateway.testing.TestGateways;
import org.rehabtelemetry.gateway.testing.TestSessions;
import org.rehabtelemetry.protocol.Header;
import org.rehabtelemetry.protocol.LostRecords;
import org.rehabtelemetry.protocol.MessageCodec;
import org.rehabtelemetry.protocol.MessageType;
import org.rehabtelemetry.protocol.SeqRange;
import org.rehabtelemetry.protocol.SessionEventType;
import org.rehabtelemetry.protocol.SessionRef;
import org.rehabtelemetry.protocol.Topic;
import org.rehabtelemetry.testsupport.InfluxdExtension;
import org.rehabtelemetry.testsupport.MosquittoExtension;

/** The gateway through real Mosquitto into a real influxd. */
class IngestIT {
  private static final int BATCHES = 20;
  private static final int SAMPLES = 10;

  @RegisterExtension final MosquittoExtension mosquitto = new MosquittoExtension();
  @RegisterExtension final InfluxdExtension influxd = new InfluxdExtension();
  @TempDir Path dir;
  private Gateway gateway;
  private MqttClient publisher;

  @AfterEach
  void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
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
      publishSession("S" + s, -1);
    }
    awaitSamples(5 * BATCHES * SAMPLES);
    assertEquals(5 * BATCHES * SAMPLES, count("SELECT count(value) FROM sample"));
    assertEquals(10, count("SELECT count(seq) FROM session_event"));
    assertEquals(5, count("SELECT count(records_expected) FROM session_summary"));
    assertEquals(
        5 * TestSessions.sum(BATCHES, SAMPLES),
        number("SELECT sum(value) FROM sample"),
        1e-6,
        "every value, once");
    assertEquals(0, gateway.ingest().stats().writeFailures());
  }

  @Test
  void malformedPayloads_becomeDeadLetters_whileGoodTrafficFlows() throws Exception {
    start();
    publishSession("S-good-1", -1);
    publish("rehab/v1/ward-b/vert-01/samples", "not json at all".getBytes(UTF_8));
    publish(
        "rehab/v1/ward-b/vert-01/samples", "{\"schema\":2,\"type\":\"samples\"}".getBytes(UTF_8));
    publish(
        "rehab/v1/ward-b/vert-99/session",
        new MessageCodec()
            .encode(
                new org.rehabtelemetry.protocol.SessionEvent(
                    new org.rehabtelemetry.protocol.Header("vert-01", "b1", Instant.now()),
                    new SessionRef("S-x", 0),
                    SessionEventType.STOPPED,
                    "therapist",
                    null,
                    null,
                    java.util.Map.of())));
    publishSession("S-good-2", -1);
    awaitSamples(2 * BATCHES * SAMPLES);
    DeadLetterStore deadLetters = gateway.parts().deadLetters();
    await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters.count() == 3);
    List<String> reasons =
        deadLetters.recent().stream().map(DeadLetterStore.Summary::reason).toList();
    assertTrue(reasons.stream().anyMatch(r -> r.contains("is not valid JSON")), reasons.toString());
    assertTrue(
        reasons.stream().anyMatch(r -> r.contains("version 2 is not supported")),
        reasons.toString());
    assertTrue(
        reasons.stream().anyMatch(r -> r.contains("but the topic says 'vert-99'")),
        reasons.toString());
    assertEquals(2 * BATCHES * SAMPLES, count("SELECT count(value) FROM sample"));
  }

  @Test
  void influxdStopped15sMidStream_nothingLost_nothingDuplicated() throws Exception {
    start();
    publishSession("S-a", -1);
    awaitSamples(BATCHES * SAMPLES);
    influxd.server().stop();
    publishSession("S-b", -1);
    publishSession("S-c", -1);
    await().pollDelay(Duration.ofSeconds(15)).atMost(Duration.ofSeconds(20)).until(() -> true);
    assertTrue(
        gateway.ingest().stats().writeFailures() > 0, "writes failed while influxd was down");
    influxd.server().start();
    awaitSamples(3 * BATCHES * SAMPLES);
    assertEquals(3 * BATCHES * SAMPLES, count("SELECT count(value) FROM sample"));
    assertEquals(
        3 * TestSessions.sum(BATCHES, SAMPLES), number("SELECT sum(value) FROM sample"), 1e-6);
    System.out.printf(
        "influxd down 15 s: %d write failures retried, %d samples stored once%n",
        gateway.ingest().stats().writeFailures(), 3 * BATCHES * SAMPLES);
  }

  @Test
  void sessionMissingAMessage_isStoredWithItsCompleteness_andCompleteOnesAreComplete()
      throws Exception {
    start();
    publishSession("S-full", -1);
    publishSession("S-gap", 5);
    awaitSamples(2 * BATCHES * SAMPLES - SAMPLES);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> count("SELECT count(received) FROM session_completeness") == 2);
    String gap =
        influxd
            .server()
            .query(
                "rehab",
                "SELECT received, expected, missing, gaps, complete FROM session_completeness"
                    + " WHERE session='S-gap'");
    assertTrue(gap.contains(",22,23,1,\"5\",false]"), gap);
    String full =
        influxd
            .server()
            .query(
                "rehab",
                "SELECT received, expected, missing, complete FROM session_completeness"
                    + " WHERE session='S-full'");
    assertTrue(full.contains(",23,23,0,true]"), full);
    assertEquals(BATCHES - 1, count("SELECT count(seq) FROM batch WHERE session='S-gap'"));
  }

  @Test
  void aSessionMessageRefusedAsADeadLetter_isReportedRefusedWithItsReason_notMissing()
      throws Exception {
    start();
    Instant begin = Instant.now().minusSeconds(600);
    for (TestSessions.Published message :
        TestSessions.encode(
            "ward-b", TestSessions.session("vert-01", "S-refused", begin, BATCHES, SAMPLES))) {
      publish(
          message.topic(),
          message.seq() == 5 ? sampledIn1970(message.payload()) : message.payload());
    }
    awaitSamples((BATCHES - 1) * SAMPLES);
    Completeness refused =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> gateway.parts().completeness().get("S-refused").orElse(null),
                c -> c != null && c.expected() > 0 && c.deadLettered() == 1);
    assertEquals(1, refused.missing());
    assertEquals(0, refused.unexplained(), "nothing left to ask for");
    assertTrue(refused.settled());
    assertTrue(refused.deadLetterText().contains("t0Us"), refused.deadLetterText());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                influxd
                    .server()
                    .query(
                        "rehab",
                        "SELECT dead_lettered, complete FROM session_completeness"
                            + " WHERE session='S-refused'")
                    .contains(",1,false]"));
  }

  @Test
  void refusalsAndLostAnswersStoredByOneGateway_explainTheGapsToAnother() throws Exception {
    start();
    Instant begin = Instant.now().minusSeconds(600);
    List<TestSessions.Published> messages =
        TestSessions.encode(
            "ward-b", TestSessions.session("vert-01", "S-handover", begin, BATCHES, SAMPLES));
    TestSessions.Published summary = messages.get(messages.size() - 1);
    for (TestSessions.Published message : messages.subList(0, messages.size() - 1)) {
      if (message.seq() != 7) { // seq 7 the device evicted: it answers "lost"
        publish(
            message.topic(),
            message.seq() == 5 ? sampledIn1970(message.payload()) : message.payload());
      }
    }
    publish(
        new Topic("ward-b", "vert-01", MessageType.LOST).toString(),
        new MessageCodec()
            .encode(
                new LostRecords(
                    new Header("vert-01", "b1", Instant.now()),
                    "S-handover",
                    List.of(new SeqRange(7, 7)),
                    begin.plusSeconds(30),
                    "size limit 1048576 bytes reached")));
    awaitSamples((BATCHES - 2) * SAMPLES);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                influxd.server().query("rehab", "SELECT seq FROM session_refused").contains(",5]")
                    && influxd
                        .server()
                        .query("rehab", "SELECT seqs FROM session_lost")
                        .contains("7"));
    // Another gateway (or this one restarted) gets the summary: it knows neither from memory.
    gateway.close();
    gateway =
        TestGateways.start(
            dir.resolve("second"),
            mosquitto.server().uri(),
            "gateway-it-2",
            "second", // its own group: the first one's session must not take the summary
            TestGateways.influxd(influxd.server().url()));
    publish(summary.topic(), summary.payload());
    Completeness figure =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> gateway.parts().completeness().get("S-handover").orElse(null),
                c -> c != null && c.expected() > 0 && c.deadLettered() == 1 && c.lost() == 1);
    assertEquals(2, figure.missing(), figure.toString());
    assertEquals(0, figure.unexplained(), "both gaps explained from the database: " + figure);
    assertTrue(figure.deadLetterText().contains("t0Us"), figure.deadLetterText());
    assertTrue(figure.lostText().contains("size limit"), figure.lostText());
  }

  @Test
  void twoGatewaysSharingASession_storeItAsComplete_fromTheDatabasesView() throws Exception {
    influxd.server().createDatabase("rehab");
    gateway =
        TestGateways.start(
            dir.resolve("g1"),
            mosquitto.server().uri(),
            "gateway-it",
            "gateways",
            TestGateways.influxd(influxd.server().url()));
    try (Gateway second =
        TestGateways.start(
            dir.resolve("g2"),
            mosquitto.server().uri(),
            "gateway-it-2",
            "gateways",
            TestGateways.influxd(influxd.server().url()))) {
      connectPublisher();
      publishSession("S-shared", -1);
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
          second.ingest().stats().stored() > 0 && gateway.ingest().stats().stored() > 0,
          "both gateways took part");
    }
  }

  @Test
  void metrics_reportTheTrafficOverHttp_withTheAccountingIdentity() throws Exception {
    start();
    publishSession("S-metrics", -1);
    awaitSamples(BATCHES * SAMPLES);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> gateway.ingest().stats().stored() == BATCHES + 3);
    String metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://" + gateway.httpAddress() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertTrue(metrics.contains("# TYPE rehab_gateway_messages_stored_total counter"), metrics);
    assertTrue(metrics.contains("rehab_gateway_messages_stored_total " + (BATCHES + 3)), metrics);
    assertTrue(metrics.contains("rehab_gateway_messages_received_total " + (BATCHES + 3)), metrics);
    assertTrue(
        metrics.contains("rehab_gateway_points_written_total " + (BATCHES * SAMPLES + BATCHES + 3)),
        metrics);
    assertTrue(metrics.contains("rehab_gateway_messages_dead_lettered_total 0"), metrics);
    assertTrue(
        metrics.contains("rehab_gateway_worker_seconds_since_progress{worker=\"ingest-writer\"}"),
        metrics);
  }

  private void start() throws Exception {
    influxd.server().createDatabase("rehab");
    gateway =
        TestGateways.start(
            dir,
            mosquitto.server().uri(),
            "gateway-it",
            "none",
            TestGateways.influxd(influxd.server().url()));
    connectPublisher();
  }

  private void connectPublisher() throws Exception {
    publisher = new MqttClient(mosquitto.server().uri(), "device-sim", new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMaxInflight(100);
    publisher.connect(options);
  }

  /** Publishes a session as TestSessions makes it, now, without {@code skippedSeq}. */
  private void publishSession(String sessionId, long skippedSeq) throws Exception {
    Instant start =
        Instant.now().minusSeconds(3600).plusSeconds(Math.abs(sessionId.hashCode() % 3000));
    for (TestSessions.Published message :
        TestSessions.encode(
            "ward-b", TestSessions.session("vert-01", sessionId, start, BATCHES, SAMPLES))) {
      if (message.seq() != skippedSeq) {
        publish(message.topic(), message.payload());
      }
    }
  }

  /**
   * A batch sampled in 1970 by its own account: valid JSON with its key, refused by the time
   * window, so it becomes a dead letter.
   */
  private static byte[] sampledIn1970(byte[] batch) {
    return new String(batch, StandardCharsets.UTF_8)
        .replaceFirst("\"t0Us\":[0-9]+", "\"t0Us\":1000000")
        .getBytes(StandardCharsets.UTF_8);
  }

  private void publish(String topic, byte[] payload) throws Exception {
    publisher.publish(topic, payload, 1, false);
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
