package org.rehabtelemetry.simulator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.agent.DeviceAgent;
import org.rehabtelemetry.agent.journal.JournalStats;
import org.rehabtelemetry.agent.publish.ReceiptSettings;
import org.rehabtelemetry.gateway.Gateway;
import org.rehabtelemetry.gateway.session.Completeness;
import org.rehabtelemetry.gateway.testing.TestGateways;
import org.rehabtelemetry.hardware.trace.Trace;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.simulator.model.TraceLibrary;
import org.rehabtelemetry.simulator.replay.SimulatedDevice;
import org.rehabtelemetry.testsupport.InfluxdExtension;
import org.rehabtelemetry.testsupport.MosquittoExtension;

/**
 * A loss the system cannot repair is reported as exactly that. A device plays a session while no
 * gateway has subscribed (real Mosquitto acknowledges and drops every message), into a journal of 1
 * MiB that fills up, so the oldest unreceipted samples are evicted. When a gateway runs, the agent
 * sends again what it still holds; the gateway's completeness check asks for the rest (RESEND), and
 * the agent answers "lost: evicted at T because R" from its journal's ledger. The session ends
 * incomplete with exactly the evicted records lost, the reason stored with the session, never
 * complete, and no longer asked for.
 */
class EvictedRangeIT {
  @RegisterExtension final MosquittoExtension mosquitto = new MosquittoExtension();
  @RegisterExtension final InfluxdExtension influxd = new InfluxdExtension();
  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void recordsEvictedBeforeTheirReceipt_areReportedLostWithTheirReason_neverComplete()
      throws Exception {
    Trace trace =
        TraceLibrary.find("verticalizer-normal")
            .orElseThrow()
            .generate(700); // about 1.3 MB of samples
    try (SimulatedDevice device = device()) {
      device.play(trace, 0, "P-7F3A");
      DeviceAgent agent = device.agent();
      // The replay only wrote the ports: wait for the agent to end the session (its summary
      // journaled) and to send everything, so the evictions are final.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  agent.status().session() == null
                      && agent.publisher().awaitingReceipt()
                          >= agent.journal().stats().unsentRecords());
      JournalStats before = agent.journal().stats();
      long evicted = before.evictedUnsent();
      assertTrue(evicted > 0, "the journal evicted unreceipted records: " + before);

      try (Gateway gateway = gateway()) {
        Completeness settled =
            await()
                .atMost(Duration.ofSeconds(60))
                .until(
                    () ->
                        gateway.parts().completeness().all().stream()
                            .filter(Completeness::settled)
                            .findFirst()
                            .orElse(null),
                    c -> c != null);
        assertFalse(settled.complete(), "lost is never complete");
        assertEquals(evicted, settled.lost(), "exactly the evicted records: " + settled);
        assertEquals(evicted, settled.missing(), settled.toString());
        assertEquals(0, settled.unexplained());
        assertTrue(
            settled.lostText().contains("size limit 1048576 bytes reached"), settled.lostText());
        assertTrue(agent.publisher().receiptStats().answeredLost.sum() >= evicted);

        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    text("SELECT last(lost_detail) FROM session_completeness")
                        .contains("size limit 1048576 bytes reached"));
        assertEquals(
            (double) evicted, number("SELECT last(lost) FROM session_completeness"), "stored");
        assertEquals(
            "size limit 1048576 bytes reached",
            text("SELECT last(reason) FROM session_lost"),
            "the device's answer is stored as it came");
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> agent.journal().stats().sentFrontier() == agent.journal().stats().lastId());
      }
    }
  }

  private SimulatedDevice device() throws Exception {
    return SimulatedDevice.start(
        new SimulatedDevice.Options(
            DeviceKind.VERTICALIZER,
            "vert-01",
            "ward-b",
            mosquitto.server().uri(),
            dir.resolve("agent"),
            SimulatedDevice.SerialMode.IN_MEMORY,
            Duration.ofMillis(500),
            -1,
            false,
            "",
            ReceiptSettings.Mode.REQUIRED,
            "maxMegabytes: 1, segmentBytes: 65536"));
  }

  private Gateway gateway() throws Exception {
    influxd.server().createDatabase("rehab");
    return TestGateways.start(
        dir.resolve("gateway"),
        mosquitto.server().uri(),
        "gateway-evicted",
        "none",
        TestGateways.influxd(influxd.server().url()));
  }

  private JsonNode value(String query) throws Exception {
    JsonNode series =
        json.readTree(influxd.server().query("rehab", query)).path("results").get(0).path("series");
    if (series.isMissingNode() || series.isEmpty()) {
      return null;
    }
    return series.get(0).path("values").get(0).get(1);
  }

  private double number(String query) throws Exception {
    JsonNode value = value(query);
    return value == null ? 0 : value.asDouble();
  }

  private String text(String query) throws Exception {
    JsonNode value = value(query);
    return value == null ? "" : value.asText();
  }
}
