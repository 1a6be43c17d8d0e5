package org.rehabtelemetry.gateway.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rehabtelemetry.gateway.Gateway;
import org.rehabtelemetry.gateway.cli.GatewayCli;
import org.rehabtelemetry.gateway.testing.TestGateways;
import org.rehabtelemetry.protocol.ChannelSamples;
import org.rehabtelemetry.protocol.Header;
import org.rehabtelemetry.protocol.MessageCodec;
import org.rehabtelemetry.protocol.SampleBatch;
import org.rehabtelemetry.protocol.SessionRef;
import org.rehabtelemetry.testsupport.InfluxdExtension;
import org.rehabtelemetry.testsupport.JavaMains;
import org.rehabtelemetry.testsupport.MosquittoExtension;

/**
 * Done-when 3 and 4 of the gateway issue: the gateway process is killed with SIGKILL mid-stream and
 * restarted, alone or with a second gateway in the same shared group; every sample is stored, once,
 * checked by count and by the sum of values; with a peer, both took part of the stream.
 */
class GatewayKillIT {
  private static final int BATCHES = 400;
  private static final int SAMPLES = 20;
  private static final Instant START = Instant.now().minusSeconds(3600);

  @RegisterExtension final MosquittoExtension mosquitto = new MosquittoExtension();
  @RegisterExtension final InfluxdExtension influxd = new InfluxdExtension();
  @TempDir Path dir;
  private final MessageCodec codec = new MessageCodec();

  @ParameterizedTest(name = "with a second gateway in the group: {0}")
  @ValueSource(booleans = {false, true})
  void gatewayKilledMidStream_andRestarted_storesEverySampleOnce(boolean withPeer)
      throws Exception {
    influxd.server().createDatabase("rehab");
    Path config = writeConfig();
    Process gateway = start(config);
    Gateway peer = null;
    if (withPeer) {
      peer =
          TestGateways.start(
              dir.resolve("peer"),
              mosquitto.server().uri(),
              "gateway-peer",
              "gateways",
              TestGateways.influxd(influxd.server().url()));
    }
    MqttClient device =
        new MqttClient(mosquitto.server().uri(), "device-sim", new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMaxInflight(200);
    device.connect(options);
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  Files.exists(dir.resolve("gateway.log"))
                      && Files.readString(dir.resolve("gateway.log")).contains("running"));
      for (int b = 1; b <= BATCHES; b++) {
        device.publish("rehab/v1/ward-b/vert-01/samples", codec.encode(batch(b)), 1, false);
        if (b == BATCHES / 2) {
          gateway.destroyForcibly().waitFor();
        }
      }
      gateway = start(config);
      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .until(() -> number("SELECT count(value) FROM sample") >= BATCHES * SAMPLES);
      assertEquals(BATCHES * SAMPLES, (long) number("SELECT count(value) FROM sample"));
      assertEquals(expectedSum(), number("SELECT sum(value) FROM sample"), 1e-6);
      if (withPeer) {
        assertTrue(
            peer.ingest().stats().stored() > 0 && peer.ingest().stats().stored() < BATCHES,
            "the peer took part, not all: " + peer.ingest().stats().stored());
      }
      System.out.printf(
          "gateway kill -9 mid-stream%s: %d samples stored once%s%n",
          withPeer ? " with a peer" : "",
          BATCHES * SAMPLES,
          withPeer
              ? ", the peer stored "
                  + peer.ingest().stats().stored()
                  + " of "
                  + BATCHES
                  + " batches"
              : "");
    } finally {
      device.disconnect();
      device.close();
      gateway.destroy();
      gateway.waitFor();
      if (peer != null) {
        peer.close();
      }
    }
  }

  private Process start(Path config) throws IOException {
    return JavaMains.start(
        GatewayCli.class, dir.resolve("gateway.log"), "run", "--config", config.toString());
  }

  private Path writeConfig() throws IOException {
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "mqtt: {uri: \""
                + mosquitto.server().uri()
                + "\", clientId: gateway-a, shareGroup: gateways}",
            "ingest: {maxBatchMessages: 100, retryInitialMs: 100, retryMaxMs: 1000}",
            "storage: {kind: influxdb-v1, url: \""
                + influxd.server().url()
                + "\", database: rehab}",
            "stateDir: state",
            ""));
    return config;
  }

  private static SampleBatch batch(int b) {
    long[] offsets = new long[SAMPLES];
    double[] values = new double[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      offsets[i] = i * 12_500L;
      values[i] = b + i / 100.0;
    }
    long t0 = START.toEpochMilli() * 1000 + b * 250_000L;
    return new SampleBatch(
        new Header("vert-01", "boot1", Instant.now()),
        new SessionRef("S-kill", b),
        t0,
        List.of(new ChannelSamples("loadLeftKg", "kg", offsets, values)));
  }

  private static double expectedSum() {
    double sum = 0;
    for (int b = 1; b <= BATCHES; b++) {
      for (int i = 0; i < SAMPLES; i++) {
        sum += b + i / 100.0;
      }
    }
    return sum;
  }

  private double number(String query) {
    Matcher value =
        Pattern.compile("\"values\":\\[\\[\"[^\"]+\",([0-9.eE+-]+)\\]\\]")
            .matcher(influxd.server().query("rehab", query));
    return value.find() ? Double.parseDouble(value.group(1)) : 0;
  }
}
