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
import org.rehabtelemetry.gateway.testing.SecureBroker;
import org.rehabtelemetry.simulator.fleet.Fleet;
import org.rehabtelemetry.simulator.fleet.FleetCredentials;
import org.rehabtelemetry.testsupport.InfluxdExtension;

/**
 * Fleet mode against real Mosquitto, the gateway and influxd: virtual devices announce themselves
 * (birth), stream sessions with correct sequence numbers, and every sample they published is stored
 * once; every finished session is complete; the Last Will marks a device offline. The broker runs
 * the production config (mutual TLS, passwords, the ACL): each virtual device logs in with the
 * account and certificate provisioned for it, and the gateways (a shared group) with theirs.
 */
class FleetIT {
  @RegisterExtension final InfluxdExtension influxd = new InfluxdExtension();
  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void virtualDevices_streamSessions_storedOnceAndComplete() throws Exception {
    influxd.server().createDatabase("rehab");
    try (SecureBroker site = new SecureBroker(dir.resolve("site"));
        Fleet fleet = new Fleet(site.uri(), "ward-b", 6, 12, 4, 500)) {
      for (var device : fleet.devices()) {
        site.provision(
            "device",
            "--site",
            "ward-b",
            "--kind",
            "simulated",
            "--broker",
            "x",
            device.deviceId());
        site.certify(device.deviceId());
      }
      site.provision("gateway", "gateway-fleet");
      site.certify("gateway-fleet");
      site.broker.start();
      fleet.credentials(
          new FleetCredentials(site.provisioning.resolve("issued"), site.ca, site.certs()));
      run(site, fleet);
    }
  }

  private void run(SecureBroker site, Fleet fleet) throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("gateway.yaml"),
            "mqtt: {uri: \""
                + site.uri()
                + "\", clientId: gateway-fleet, shareGroup: gateways, "
                + site.mqttKeys("gateway-fleet")
                + "}\n"
                + "ingest: {retryInitialMs: 200, retryMaxMs: 2000}\n"
                + "storage: {kind: influxdb-v1, url: \""
                + influxd.server().url()
                + "\", database: rehab}\n"
                + "stateDir: state\n"
                + "http: {bind: 127.0.0.1, port: 0}\n"
                + "devices: {enrolmentDir: \""
                + site.provisioning
                + "\"}\n");
    GatewayConfig config = GatewayConfigLoader.load(file);
    Fleet.Result result;
    try (Gateway gateway = Gateway.start(config, Clock.systemUTC())) {
      fleet.connect();
      result = fleet.run(8);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> fleet.devices().stream().allMatch(d -> d.acknowledged() == d.published()));
      fleet.close();
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
