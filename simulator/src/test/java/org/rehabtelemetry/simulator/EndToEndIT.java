package org.rehabtelemetry.simulator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.agent.DeviceAgent;
import org.rehabtelemetry.gateway.cli.GatewayCli;
import org.rehabtelemetry.gateway.testing.SecureBroker;
import org.rehabtelemetry.hardware.trace.Trace;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.simulator.model.TraceLibrary;
import org.rehabtelemetry.simulator.replay.DeviceReplay;
import org.rehabtelemetry.simulator.replay.SimulatedDevice;
import org.rehabtelemetry.testsupport.InfluxdExtension;
import org.rehabtelemetry.testsupport.JavaMains;

/**
 * The whole chain with no hardware: a library trace played by the simulator on socat ptys and
 * Pi4J's mock GPIO → the real agent and drivers → real Mosquitto → the gateway (a child process, as
 * it runs at a site) → real influxd. Every sample is stored exactly once (count and sum per
 * channel), the session summary matches the trace, completeness is 100 % and the agent's journal is
 * fully receipted, with security on (the production broker config with mutual TLS, passwords and
 * the ACL; enrolment checked by the gateway).
 *
 * <p>Tilt is published as 10 Hz window means by design (the profile's {@code publishHz}), so it is
 * checked by its window count and mean; the other channels sample by sample.
 */
class EndToEndIT {
  private static final double TRACE_SECONDS = 15;

  @RegisterExtension final InfluxdExtension influxd = new InfluxdExtension();
  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();
  private SecureBroker site;

  // The same chain under faults (broker restarts, gateway kills, influxd stopped, a link cut),
  // with twenty devices and three gateways in a shared group, is ScaleOutChaosIT. The suite's time
  // is held to about 10 minutes on 2 cores, so this class keeps only the run with security on.

  /**
   * The chain without faults, with security on as a site runs it: the production Mosquitto config
   * (TLS 1.3, mutual TLS, passwords, the ACL), accounts from {@code gateway provision},
   * certificates from {@code scripts/site-ca}, and the gateway checking enrolment.
   */
  @Test
  void withSecurityOn_theResultIsTheSame() throws Exception {
    try (SecureBroker secure = new SecureBroker(dir.resolve("site"))) {
      secure.provision(
          "device",
          "--site",
          "ward-b",
          "--kind",
          "verticalizer",
          "--broker",
          secure.uri(),
          "vert-01");
      secure.certify("vert-01");
      secure.provision("gateway", "gateway-e2e");
      secure.certify("gateway-e2e");
      secure.broker.start();
      site = secure;
      run();
    } finally {
      site = null;
    }
  }

  private void run() throws Exception {
    influxd.server().createDatabase("rehab");
    Trace trace = TraceLibrary.find("verticalizer-normal").orElseThrow().generate(TRACE_SECONDS);
    Path config = writeGatewayConfig();
    Process gateway = startGateway(config);
    try (SimulatedDevice device =
        SimulatedDevice.start(
            new SimulatedDevice.Options(
                DeviceKind.VERTICALIZER,
                "vert-01",
                "ward-b",
                site.uri(),
                dir.resolve("agent"),
                SimulatedDevice.SerialMode.PTY,
                Duration.ofMillis(500),
                -1,
                false,
                site.mqttKeys("vert-01")))) {
      awaitRunning();
      DeviceReplay.Stats stats = device.play(trace, 1.0, "P-7F3A");
      assertEquals(0, stats.skipped(), "every row of the trace was written to the ports");

      try {
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofSeconds(1))
            .ignoreExceptions()
            .until(
                () -> rows("SELECT * FROM session_completeness WHERE complete = true").size() == 1);
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        String log = Files.readString(dir.resolve("gateway.log"));
        throw new AssertionError(
            "no complete session; completeness: "
                + influxd.server().query("rehab", "SELECT * FROM session_completeness")
                + "\nsummaries: "
                + influxd.server().query("rehab", "SELECT count(seq) FROM session_summary")
                + "\nbatches: "
                + influxd.server().query("rehab", "SELECT count(seq) FROM batch")
                + "\nevents: "
                + influxd.server().query("rehab", "SELECT * FROM session_event")
                + "\ndb seqs: "
                + storedSeqs(
                    rows("SHOW TAG VALUES FROM batch WITH KEY = \"session\"")
                        .get(0)
                        .get(1)
                        .asText())
                + "\nagent: "
                + device.agent().status().journal()
                + "\ngateway log (tail): "
                + log.substring(Math.max(0, log.length() - 3000)),
            e);
      }
      String session = tag("SHOW TAG VALUES FROM session_summary WITH KEY = \"session\"");

      for (String channel : List.of("loadLeftKg", "loadRightKg", "heartRate", "spo2")) {
        JsonNode row =
            rows("SELECT count(value), sum(value) FROM sample WHERE session = '"
                    + session
                    + "' AND channel = '"
                    + channel
                    + "'")
                .get(0);
        assertEquals(trace.count(channel), row.get(1).asLong(), channel + " count");
        assertEquals(trace.sum(channel), row.get(2).asDouble(), 1e-6, channel + " sum");
      }
      JsonNode tilt =
          rows("SELECT count(value), mean(value) FROM sample WHERE session = '"
                  + session
                  + "' AND channel = 'tiltDeg'")
              .get(0);
      // Tilt is averaged on the device, 50 Hz to 10 Hz windows of its own clock: how many windows
      // a replay makes depends on how evenly two busy cores deliver it, so the stored count is
      // held to what the agent recorded, exactly, and the mean to the trace's within 0.5 deg.
      assertEquals(
          device.agent().samplesRecorded().get("tiltDeg"),
          tilt.get(1).asLong(),
          "tilt windows stored against recorded");
      double tiltWindows = trace.count("tiltDeg") / 5.0; // 50 Hz averaged to 10 Hz
      assertTrue(
          Math.abs(tilt.get(1).asLong() - tiltWindows) <= tiltWindows * 0.1,
          "tilt windows " + tilt.get(1) + " ~ " + tiltWindows);
      assertEquals(trace.sum("tiltDeg") / trace.count("tiltDeg"), tilt.get(2).asDouble(), 0.5);

      JsonNode completeness =
          rows("SELECT received, expected, missing FROM session_completeness").get(0);
      assertEquals(completeness.get(2).asLong(), completeness.get(1).asLong());
      assertEquals(0, completeness.get(3).asLong(), "nothing missing");

      Map<String, Double> summary = summary();
      assertEquals(round2(max(trace, "tiltDeg")), summary.get("maxTiltDeg"));
      assertEquals(max(trace, "heartRate"), summary.get("peakHr"));
      assertEquals(min(trace, "spo2"), summary.get("minSpo2"));
      double left = trace.sum("loadLeftKg") / trace.count("loadLeftKg");
      double right = trace.sum("loadRightKg") / trace.count("loadRightKg");
      assertEquals(
          round2((right - left) / (0.5 * (right + left)) * 100), summary.get("symmetryIndexPct"));
      assertEquals(1, rows("SELECT count(seq) FROM session_summary").size());
      DeviceAgent agent = device.agent();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> agent.journal().stats().sentFrontier() == agent.journal().stats().lastId());
      assertTrue(agent.publisher().receiptsRequired(), agent.publisher().receiptStatus());
      assertEquals(0, agent.publisher().awaitingReceipt(), "the journal is fully receipted");
      assertTrue(
          agent.publisher().livePublished() > 0,
          "live previews went out all along (and, by the counts above, none was stored)");
      System.out.printf(
          "end to end%s: %d samples of %s stored once (%d hub frames, %d oximeter lines),"
              + " completeness %s/%s, journal fully receipted (%d records resent, receipt"
              + " latency p50 %.0f ms, p99 %.0f ms)%n",
          " with security on (mutual TLS, passwords, ACL, enrolment)",
          trace.sampleCount(),
          trace.header().name(),
          stats.hubFrames(),
          stats.oximeterLines(),
          completeness.get(1).asText(),
          completeness.get(2).asText(),
          agent.publisher().receiptStats().resent.sum(),
          agent.publisher().receiptStats().latencyQuantileMillis(0.5),
          agent.publisher().receiptStats().latencyQuantileMillis(0.99));
    } finally {
      gateway.destroy();
      gateway.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private Map<String, Double> summary() throws IOException {
    JsonNode series =
        json.readTree(influxd.server().query("rehab", "SELECT * FROM session_summary"))
            .path("results")
            .get(0)
            .path("series")
            .get(0);
    Map<String, Double> values = new HashMap<>();
    JsonNode columns = series.path("columns");
    JsonNode row = series.path("values").get(0);
    for (int i = 0; i < columns.size(); i++) {
      if (row.get(i).isNumber()) {
        values.put(columns.get(i).asText(), row.get(i).asDouble());
      }
    }
    return values;
  }

  private JsonNode rows(String query) throws IOException {
    JsonNode series =
        json.readTree(influxd.server().query("rehab", query)).path("results").get(0).path("series");
    return series.isMissingNode() || series.isEmpty()
        ? json.createArrayNode()
        : series.get(0).path("values");
  }

  private String tag(String query) throws IOException {
    JsonNode values = rows(query);
    assertEquals(1, values.size(), "one session: " + values);
    return values.get(0).get(1).asText();
  }

  private void awaitRunning() {
    await()
        .atMost(Duration.ofSeconds(60)) // a TLS gateway's start next to another fork's test
        .until(
            () ->
                Files.exists(dir.resolve("gateway.log"))
                    && Files.readString(dir.resolve("gateway.log")).contains("running"));
  }

  private Path writeGatewayConfig() throws IOException {
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "mqtt: {uri: \""
                + site.uri()
                + "\", clientId: gateway-e2e, "
                + site.mqttKeys("gateway-e2e")
                + "}\ndevices: {enrolmentDir: \""
                + site.provisioning
                + "\"}",
            "ingest: {retryInitialMs: 100, retryMaxMs: 1000}",
            "storage: {kind: influxdb-v1, url: \""
                + influxd.server().url()
                + "\", database: rehab}",
            "stateDir: gateway-state",
            "http: {port: 0}",
            ""));
    return config;
  }

  private Process startGateway(Path config) throws IOException {
    return JavaMains.start(
        GatewayCli.class, dir.resolve("gateway.log"), "run", "--config", config.toString());
  }

  /** The seqs of a session the database holds, for a failure message. */
  private java.util.TreeSet<Long> storedSeqs(String session) {
    java.util.TreeSet<Long> seqs = new java.util.TreeSet<>();
    new org.rehabtelemetry.gateway.storage.influxv1.InfluxV1SeqQuery(
            influxd.server().url(), "rehab", null, Duration.ofSeconds(5))
        .storedSeqs("ward-b", "vert-01", session, seqs::add);
    return seqs;
  }

  private static double max(Trace trace, String channel) {
    return values(trace, channel).max().orElseThrow();
  }

  private static double min(Trace trace, String channel) {
    return values(trace, channel).min().orElseThrow();
  }

  private static java.util.stream.DoubleStream values(Trace trace, String channel) {
    int index = trace.header().indexOf(channel);
    return java.util.stream.IntStream.range(0, trace.sampleCount())
        .filter(i -> trace.channel(i) == index)
        .mapToDouble(trace::value);
  }

  private static double round2(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
