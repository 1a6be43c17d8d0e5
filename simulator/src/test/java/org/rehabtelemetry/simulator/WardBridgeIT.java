package org.rehabtelemetry.simulator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.agent.DeviceAgent;
import org.rehabtelemetry.gateway.Gateway;
import org.rehabtelemetry.gateway.testing.TestGateways;
import org.rehabtelemetry.hardware.trace.Trace;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.simulator.model.TraceLibrary;
import org.rehabtelemetry.simulator.replay.DeviceReplay;
import org.rehabtelemetry.simulator.replay.SimulatedDevice;
import org.rehabtelemetry.testsupport.InfluxdExtension;
import org.rehabtelemetry.testsupport.MosquittoServer;

/**
 * Beyond one machine (docs/scaling.md): a ward's Mosquitto bridged to a central Mosquitto, the
 * gateway on the central one, a device on the ward's. The bridge carries the device's messages out
 * and the gateway's commands (receipts, resend requests) in. The central broker is stopped for 8 s
 * in the middle of the session: the ward broker keeps what the bridge could not pass, the agent
 * keeps its journal until receipts come back over the bridge, and the session arrives whole.
 */
class WardBridgeIT {
  /** The bridge lines docs/scaling.md shows, with the central broker's address. */
  static List<String> bridge(int centralPort) {
    return List.of(
        "max_queued_messages 100000",
        "connection central",
        "address 127.0.0.1:" + centralPort,
        "bridge_protocol_version mqttv311",
        "cleansession false",
        "restart_timeout 1 2",
        "topic rehab/v1/+/+/session out 1",
        "topic rehab/v1/+/+/samples out 1",
        "topic rehab/v1/+/+/alarm out 1",
        "topic rehab/v1/+/+/summary out 1",
        "topic rehab/v1/+/+/lost out 1",
        "topic rehab/v1/+/+/status out 1",
        "topic rehab/v1/+/+/live out 0",
        "topic rehab/v1/+/+/cmd in 1");
  }

  @RegisterExtension final InfluxdExtension influxd = new InfluxdExtension();
  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void aSessionThroughAWardBridge_arrivesWhole_thoughTheCentralBrokerIsDownFor8s()
      throws Exception {
    influxd.server().createDatabase("rehab");
    Trace trace = TraceLibrary.find("verticalizer-normal").orElseThrow().generate(20);
    ExecutorService player = Executors.newSingleThreadExecutor();
    try (MosquittoServer central = new MosquittoServer(List.of("max_queued_messages 100000"));
        MosquittoServer ward = new MosquittoServer(bridge(central.port()))) {
      central.start();
      ward.start();
      try (Gateway gateway =
              TestGateways.start(
                  dir.resolve("gateway"),
                  central.uri(),
                  "gateway-central",
                  null,
                  TestGateways.influxd(influxd.server().url()));
          SimulatedDevice device =
              SimulatedDevice.start(
                  new SimulatedDevice.Options(
                      DeviceKind.VERTICALIZER,
                      "vert-01",
                      "ward-b",
                      ward.uri(),
                      dir.resolve("vert-01"),
                      SimulatedDevice.SerialMode.IN_MEMORY,
                      Duration.ofMillis(500),
                      -1,
                      false))) {
        Future<DeviceReplay.Stats> play = player.submit(() -> device.play(trace, 1.0, "P-7F3A"));
        await() // the bridge carries the session, then the link to the centre is gone for 8 s
            .atMost(Duration.ofSeconds(30))
            .until(() -> !rows("SELECT count(value) FROM sample").isEmpty());
        central.stop();
        Thread.sleep(8_000);
        central.start();
        assertEquals(0, play.get(60, TimeUnit.SECONDS).skipped(), "every row reached the ports");

        DeviceAgent agent = device.agent();
        await().atMost(Duration.ofSeconds(60)).until(device::journalReceipted);
        assertTrue(agent.publisher().receiptsRequired(), agent.publisher().receiptStatus());
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    rows("SELECT missing, complete FROM session_completeness").size() == 1
                        && rows("SELECT missing, complete FROM session_completeness")
                            .get(0)
                            .get(2)
                            .asBoolean());
        for (String channel : List.of("loadLeftKg", "loadRightKg", "heartRate", "spo2")) {
          JsonNode row =
              rows("SELECT count(value), sum(value) FROM sample WHERE channel = '" + channel + "'")
                  .get(0);
          assertEquals(trace.count(channel), row.get(1).asLong(), channel + " stored once");
          assertEquals(trace.sum(channel), row.get(2).asDouble(), 1e-6, channel + " sum");
        }
        assertEquals(
            (long) agent.samplesRecorded().get("tiltDeg"),
            rows("SELECT count(value) FROM sample WHERE channel = 'tiltDeg'")
                .get(0)
                .get(1)
                .asLong(),
            "tilt windows stored against recorded");
        System.out.printf(
            "ward bridge: a 20 s session stored whole through a ward Mosquitto bridged to a central"
                + " one that was down for 8 s; session complete; %d records resent%n",
            agent.publisher().receiptStats().resent.sum());
      }
    } finally {
      player.shutdownNow();
    }
  }

  private List<JsonNode> rows(String query) throws java.io.IOException {
    JsonNode series =
        json.readTree(influxd.server().query("rehab", query)).path("results").get(0).path("series");
    List<JsonNode> rows = new ArrayList<>();
    if (!series.isMissingNode()) {
      series.get(0).path("values").forEach(rows::add);
    }
    return rows;
  }
}
