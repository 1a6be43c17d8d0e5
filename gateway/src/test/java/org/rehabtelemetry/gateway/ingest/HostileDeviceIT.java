package org.rehabtelemetry.gateway.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.gateway.cli.GatewayCli;
import org.rehabtelemetry.gateway.testing.TestGateways;
import org.rehabtelemetry.gateway.testing.TestSessions;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.testsupport.FreePort;
import org.rehabtelemetry.testsupport.InfluxdExtension;
import org.rehabtelemetry.testsupport.JavaMains;
import org.rehabtelemetry.testsupport.MosquittoExtension;

/**
 * An attacker on the ward network, or a broken device: 26 kinds of hostile message, about 12,000 of
 * them and 500 maximum-size batches, interleaved with good sessions from five devices, published to
 * a real Mosquitto; the gateway runs as a child process with a 128 MB heap and stores into a real
 * influxd. Afterwards the gateway is alive and healthy, every good session is stored exactly once
 * and reported complete, every hostile message is a dead letter (or, for the cardinality and window
 * cases, refused by its bound) and its heap after a full GC is printed.
 */
class HostileDeviceIT {
  private static final String SITE = "ward-b";
  private static final int GOOD_DEVICES = 5;
  private static final int SESSIONS_PER_DEVICE = 3;
  private static final int BATCHES = 8;
  private static final int SAMPLES = 50;
  private static final int MAX_SAMPLES = 16_384;

  @RegisterExtension
  final MosquittoExtension mosquitto =
      new MosquittoExtension("max_queued_messages 100000", "max_inflight_messages 1000");

  @RegisterExtension final InfluxdExtension influxd = new InfluxdExtension();
  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void hostileMessages_areDeadLetters_goodSessionsAreStoredOnce_andTheGatewayStaysBounded()
      throws Exception {
    influxd.server().createDatabase("rehab");
    int port = FreePort.pick();
    Path config =
        TestGateways.write(
            dir,
            mosquitto.server().uri(),
            "gateway-hostile",
            "none",
            TestGateways.influxd(influxd.server().url()),
            "",
            port);
    Process gateway =
        JavaMains.start(
            GatewayCli.class,
            dir.resolve("gateway.log"),
            List.of("-Xmx128m", "-XX:+UseSerialGC"),
            "run",
            "--config",
            config.toString());
    try {
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> health(port) == 200);

      Instant now = Instant.now();
      Hostile hostile = new Hostile(now);
      List<TestSessions.Published> good = goodSessions(now);
      MqttClient client =
          new MqttClient(mosquitto.server().uri(), "attacker", new MemoryPersistence());
      MqttConnectOptions options = new MqttConnectOptions();
      options.setMaxInflight(1000);
      client.connect(options);
      // Interleave: after each good message, a slice of the hostile ones.
      List<Hostile.Sent> attacks = hostile.all();
      int perGood = attacks.size() / good.size() + 1;
      int next = 0;
      for (TestSessions.Published message : good) {
        client.publish(message.topic(), message.payload(), 1, false);
        for (int i = 0; i < perGood && next < attacks.size(); i++, next++) {
          Hostile.Sent attack = attacks.get(next);
          client.publish(attack.topic(), attack.payload(), 1, attack.retained());
        }
      }
      for (; next < attacks.size(); next++) {
        Hostile.Sent attack = attacks.get(next);
        client.publish(attack.topic(), attack.payload(), 1, attack.retained());
      }
      client.disconnect();
      client.close();

      long expectedAcks = good.size() + attacks.size();
      await()
          .atMost(Duration.ofSeconds(180))
          .pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .until(
              () ->
                  metric(port, "rehab_gateway_messages_stored_total")
                          + metric(port, "rehab_gateway_messages_dead_lettered_total")
                      >= expectedAcks);
      assertTrue(gateway.isAlive(), "the gateway is alive");
      assertEquals(200, health(port), "and healthy: every worker made progress");

      // Every good session: every sample once, and complete.
      for (int d = 0; d < GOOD_DEVICES; d++) {
        for (int s = 0; s < SESSIONS_PER_DEVICE; s++) {
          String session = sessionId(d, s);
          await()
              .atMost(Duration.ofSeconds(60))
              .ignoreExceptions()
              .until(() -> count("sample", session, "value") == BATCHES * SAMPLES);
          await()
              .atMost(Duration.ofSeconds(60))
              .ignoreExceptions()
              .until(
                  () ->
                      influxd
                          .server()
                          .query(
                              "rehab",
                              "SELECT last(complete) FROM session_completeness WHERE session = '"
                                  + session
                                  + "'")
                          .contains("true"));
        }
      }
      long deadLettered = metric(port, "rehab_gateway_messages_dead_lettered_total");
      assertTrue(
          deadLettered >= hostile.expectedDeadLetters(),
          "dead letters " + deadLettered + ", expected at least " + hostile.expectedDeadLetters());
      String metrics = text(port, "/metrics");
      assertTrue(
          metrics.contains("rehab_gateway_cardinality_refused_total{kind=\"session\"}"), metrics);
      String heap = heapAfterGc(gateway.pid());
      System.out.printf(
          "hostile: %d hostile messages of %d kinds and %d good ones; %d dead letters; %s%n",
          attacks.size(), hostile.kinds().size(), good.size(), deadLettered, heap);
      System.out.println("hostile kinds: " + hostile.kinds());
    } finally {
      gateway.destroy();
      if (!gateway.waitFor(20, TimeUnit.SECONDS)) {
        gateway.destroyForcibly();
      }
    }
  }

  /** Five devices, three sessions each, every message in order. */
  private static List<TestSessions.Published> goodSessions(Instant now) {
    List<TestSessions.Published> all = new ArrayList<>();
    for (int s = 0; s < SESSIONS_PER_DEVICE; s++) {
      for (int d = 0; d < GOOD_DEVICES; d++) {
        List<Message> session =
            TestSessions.session(
                "good-" + d, sessionId(d, s), now.minusSeconds(600 - s * 60L), BATCHES, SAMPLES);
        all.addAll(TestSessions.encode(SITE, session));
      }
    }
    return all;
  }

  private static String sessionId(int device, int session) {
    return "S-good-" + device + "-" + session;
  }

  private long count(String measurement, String session, String field) throws Exception {
    JsonNode series =
        json.readTree(
                influxd
                    .server()
                    .query(
                        "rehab",
                        "SELECT count("
                            + field
                            + ") FROM "
                            + measurement
                            + " WHERE session = '"
                            + session
                            + "'"))
            .path("results")
            .get(0)
            .path("series");
    return series.isMissingNode() ? 0 : series.get(0).path("values").get(0).get(1).asLong();
  }

  private int health(int port) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private String text(int port, String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private long metric(int port, String name) throws Exception {
    Matcher value =
        Pattern.compile("(?m)^" + Pattern.quote(name) + " ([0-9.eE+]+)$")
            .matcher(text(port, "/metrics"));
    return value.find() ? (long) Double.parseDouble(value.group(1)) : -1;
  }

  /** The child's heap after a full GC, through the JDK's jcmd. */
  private static String heapAfterGc(long pid) throws Exception {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    run(jcmd.toString(), Long.toString(pid), "GC.run");
    String info = run(jcmd.toString(), Long.toString(pid), "GC.heap_info");
    Matcher used = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(info);
    long usedKb = 0;
    long totalKb = 0;
    while (used.find()) {
      totalKb += Long.parseLong(used.group(1));
      usedKb += Long.parseLong(used.group(2));
    }
    return String.format(
        "gateway heap after GC: %.1f MB used of %.1f MB committed (-Xmx128m)",
        usedKb / 1024.0, totalKb / 1024.0);
  }

  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), UTF_8);
    process.waitFor(30, TimeUnit.SECONDS);
    return out;
  }

  /** The hostile messages, by kind. */
  private static final class Hostile {
    record Sent(String kind, String topic, byte[] payload, boolean retained) {}

    private final Instant now;
    private final Map<String, Integer> kinds = new LinkedHashMap<>();
    private final List<Sent> all = new ArrayList<>();
    private long expectedDeadLetters;

    Hostile(Instant now) {
      this.now = now;
      build();
    }

    List<Sent> all() {
      return all;
    }

    Map<String, Integer> kinds() {
      return kinds;
    }

    long expectedDeadLetters() {
      return expectedDeadLetters;
    }

    private void add(String kind, String device, String type, String payload) {
      add(kind, "rehab/v1/" + SITE + "/" + device + "/" + type, payload.getBytes(UTF_8), false);
    }

    private void add(String kind, String topic, byte[] payload, boolean retained) {
      all.add(new Sent(kind, topic, payload, retained));
      kinds.merge(kind, 1, Integer::sum);
      expectedDeadLetters++;
    }

    private String envelope(String device, String type, Instant time) {
      return "{\"schema\":1,\"type\":\""
          + type
          + "\",\"deviceId\":\""
          + device
          + "\",\"bootId\":\"b1\",\"time\":\""
          + time
          + "\"";
    }

    private String summary(String device, String session, long seq) {
      return envelope(device, "summary", now)
          + ",\"sessionId\":\""
          + session
          + "\",\"seq\":"
          + seq
          + ",\"outcome\":\"stopped\",\"startedAt\":\""
          + now.minusSeconds(60)
          + "\",\"endedAt\":\""
          + now
          + "\",\"metrics\":{}}";
    }

    private String started(String device, String session, Instant time) {
      return envelope(device, "session", time)
          + ",\"sessionId\":\""
          + session
          + "\",\"seq\":0,\"event\":\"started\",\"reason\":\"therapist\","
          + "\"patientCode\":\"P-7F3A\",\"programme\":\"standing\",\"settings\":{}}";
    }

    private void build() {
      add("seq 2^31-1", "evil-01", "summary", summary("evil-01", "S-big1", 2_147_483_647L));
      add("seq 2^32", "evil-01", "summary", summary("evil-01", "S-big2", 4_294_967_296L));
      add("seq 2^53", "evil-01", "summary", summary("evil-01", "S-big3", 9_007_199_254_740_992L));
      add("seq 10^6", "evil-01", "summary", summary("evil-01", "S-big4", 1_000_000L));
      add(
          "time 1970",
          "evil-01",
          "session",
          started("evil-01", "S-1970", Instant.parse("1970-01-01T00:00:01Z")));
      add(
          "time 2199",
          "evil-01",
          "session",
          started("evil-01", "S-2199", Instant.parse("2199-01-01T00:00:00Z")));
      add(
          "alarm stamped 2199",
          "evil-01",
          "alarm",
          envelope("evil-01", "alarm", Instant.parse("2199-01-01T00:00:00Z"))
              + ",\"alarmId\":\"A1\",\"state\":\"raised\",\"code\":\"HR_HIGH\","
              + "\"priority\":\"medium\",\"latched\":false,\"message\":\"x\"}");
      // 10,000 session ids on one device: the first 200 of the day are admitted (and stored as
      // sessions that never end), the rest refused by the per-device session bound.
      for (int i = 0; i < 10_000; i++) {
        String payload = started("evil-sessions", "S-many-" + i, now);
        all.add(
            new Sent(
                "10,000 session ids",
                "rehab/v1/" + SITE + "/evil-sessions/session",
                payload.getBytes(UTF_8),
                false));
        kinds.merge("10,000 session ids", 1, Integer::sum);
      }
      expectedDeadLetters += 10_000 - 200;
      // 1,000 device ids: past the device bound (500), refused.
      for (int i = 0; i < 1_000; i++) {
        String device = "evil-dev-" + i;
        all.add(
            new Sent(
                "1,000 device ids",
                "rehab/v1/" + SITE + "/" + device + "/session",
                started(device, "S-dev", now).getBytes(UTF_8),
                false));
        kinds.merge("1,000 device ids", 1, Integer::sum);
      }
      expectedDeadLetters += 1_000 - 500; // at least: other devices took some of the 500 slots
      // 10,000 metric names in 200 summaries of 50: past the metric-name bound, refused.
      for (int m = 0; m < 200; m++) {
        StringBuilder metrics = new StringBuilder("{");
        for (int i = 0; i < 50; i++) {
          metrics
              .append(i == 0 ? "" : ",")
              .append("\"metric")
              .append(m * 50 + i)
              .append("\":{\"value\":1,\"unit\":\"min\"}");
        }
        metrics.append('}');
        String payload =
            summary("evil-metrics", "S-metrics-" + m, 1)
                .replace("\"metrics\":{}", "\"metrics\":" + metrics);
        all.add(
            new Sent(
                "10,000 metric names",
                "rehab/v1/" + SITE + "/evil-metrics/summary",
                payload.getBytes(UTF_8),
                false));
        kinds.merge("10,000 metric names", 1, Integer::sum);
      }
      // 500 maximum-size batches: valid, but stamped outside the time window, so each is decoded
      // in full, weighs its size in the queue, and becomes a dead letter.
      byte[] big = maxBatch(now.minus(Duration.ofDays(400)));
      for (int i = 0; i < 500; i++) {
        add("500 maximum-size batches", "rehab/v1/" + SITE + "/evil-big/samples", big, false);
      }
      add("deep JSON", "evil-01", "samples", "[".repeat(100_000) + "]".repeat(100_000));
      add(
          "duplicate keys",
          "evil-01",
          "session",
          started("evil-01", "S-dup", now)
              .replace("{\"schema\":1,", "{\"schema\":1,\"schema\":1,"));
      add(
          "invalid UTF-8",
          "rehab/v1/" + SITE + "/evil-01/session",
          new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'},
          false);
      add("empty", "rehab/v1/" + SITE + "/evil-01/session", new byte[0], false);
      add(
          "256 KiB + 1",
          "rehab/v1/" + SITE + "/evil-01/samples",
          ("{\"x\":\"" + "a".repeat(256 * 1024 + 1 - 9) + "\"}").getBytes(UTF_8),
          false);
      add(
          "topic and payload disagree (device)",
          "evil-02",
          "session",
          started("evil-03", "S-mismatch", now));
      add(
          "topic and payload disagree (type)",
          "evil-01",
          "samples",
          started("evil-01", "S-type", now));
      add(
          "retained garbage status",
          "rehab/v1/" + SITE + "/evil-01/status",
          "garbage\u0000\u00ff".getBytes(UTF_8),
          true);
      add(
          "unknown field",
          "evil-01",
          "session",
          started("evil-01", "S-unknown", now).replace("\"seq\":0", "\"seq\":0,\"admin\":true"));
      add(
          "schema 2",
          "evil-01",
          "session",
          started("evil-01", "S-v2", now).replace("\"schema\":1", "\"schema\":2"));
      add(
          "seq as a string",
          "evil-01",
          "session",
          started("evil-01", "S-str", now).replace("\"seq\":0", "\"seq\":\"0\""));
      add(
          "control characters and 501-char reason",
          "evil-01",
          "session",
          started("evil-01", "S-text", now)
              .replace("\"therapist\"", "\"\\u0007\\n" + "r".repeat(501) + "\""));
      add(
          "bad device id in topic",
          "rehab/v1/" + SITE + "/EVIL%01/session",
          started("EVIL%01", "S-id", now).getBytes(UTF_8),
          false);
    }

    /** A batch of 16,384 samples, as large as the protocol allows, at {@code time}. */
    private byte[] maxBatch(Instant time) {
      StringBuilder offsets = new StringBuilder();
      StringBuilder values = new StringBuilder();
      for (int i = 0; i < MAX_SAMPLES; i++) {
        offsets.append(i == 0 ? "" : ",").append(i * 10);
        values.append(i == 0 ? "" : ",").append(i % 100);
      }
      String payload =
          envelope("evil-big", "samples", time)
              + ",\"sessionId\":\"S-bigbatch\",\"seq\":1,\"t0Us\":"
              + time.getEpochSecond() * 1_000_000L
              + ",\"channels\":[{\"channel\":\"tiltDeg\",\"unit\":\"deg\",\"offsetsUs\":["
              + offsets
              + "],\"values\":["
              + values
              + "]}]}";
      byte[] bytes = payload.getBytes(UTF_8);
      if (bytes.length > 256 * 1024) {
        throw new IllegalStateException("the big batch is over the limit: " + bytes.length);
      }
      return bytes;
    }
  }
}
