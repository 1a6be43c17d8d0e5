package org.rehabtelemetry.simulator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.gateway.Gateway;
import org.rehabtelemetry.gateway.config.GatewayConfig;
import org.rehabtelemetry.gateway.config.GatewayConfigLoader;
import org.rehabtelemetry.simulator.fleet.Fleet;
import org.rehabtelemetry.testsupport.InfluxdExtension;
import org.rehabtelemetry.testsupport.MosquittoExtension;

/**
 * Fleet mode against real Mosquitto, the gateway and influxd: virtual devices announce themselves
 * (birth), stream sessions with correct sequence numbers, and every sample they published is stored
 * once; every finished session is complete; the Last Will marks a device offline.
 */
class FleetIT {
  @RegisterExtension final MosquittoExtension mosquitto = new MosquittoExtension();
  @RegisterExtension final InfluxdExtension influxd = new InfluxdExtension();
  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void virtualDevices_streamSessions_storedOnceAndComplete() throws Exception {
    influxd.server().createDatabase("rehab");
    Path file =
        Files.writeString(
            dir.resolve("gateway.yaml"),
            "mqtt: {uri: \""
                + mosquitto.server().uri()
                + "\", clientId: gateway-fleet, shareGroup: gateways}\n"
                + "ingest: {retryInitialMs: 200, retryMaxMs: 2000}\n"
                + "storage: {kind: influxdb-v1, url: \""
                + influxd.server().url()
                + "\", database: rehab}\n"
                + "stateDir: state\n"
                + "http: {bind: 127.0.0.1, port: 0}\n");
    GatewayConfig config = GatewayConfigLoader.load(file);
    Fleet.Result result;
    try (Gateway gateway = Gateway.start(config, Clock.systemUTC())) {
      try (Fleet fleet = new Fleet(mosquitto.server().uri(), "ward-b", 6, 12, 4, 500)) {
        fleet.connect();
        result = fleet.run(8);
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> fleet.devices().stream().allMatch(d -> d.acknowledged() == d.published()));
      }
      assertEquals(0, result.failed());
      assertTrue(result.samples() > 10_000, "samples " + result.samples());
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(() -> number("SELECT count(value) FROM sample") == result.samples());
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(
              () ->
                  number("SELECT count(complete) FROM session_completeness WHERE complete = true")
                      == number("SELECT count(seq) FROM session_summary"));
      assertTrue(number("SELECT count(seq) FROM session_summary") >= 6, "each finished a session");
      assertEquals(
          0.0, number("SELECT count(complete) FROM session_completeness WHERE complete = false"));
      assertTrue(
          influxd
              .server()
              .query("rehab", "SELECT last(state) FROM device_status GROUP BY device")
              .contains("\"offline\""),
          "the clean stop says offline");
    }
    System.out.printf(
        "fleet: %d devices, %d batches, %d samples stored once, lag p99 %d ms%n",
        result.devices(), result.batches(), result.samples(), result.lagP99Ms());
  }

  private double number(String query) throws Exception {
    JsonNode series =
        json.readTree(influxd.server().query("rehab", query)).path("results").get(0).path("series");
    if (series.isMissingNode() || series.isEmpty()) {
      return 0;
    }
    return series.get(0).path("values").get(0).get(1).asDouble();
  }
}
