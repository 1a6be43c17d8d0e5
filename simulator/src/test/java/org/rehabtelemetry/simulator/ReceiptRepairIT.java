package org.rehabtelemetry.simulator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * Data the broker acknowledged but no gateway ever stored. A real loss, with no test hook: a device
 * plays a whole session while no gateway has subscribed yet, so real Mosquitto acknowledges every
 * message and drops it (nobody to deliver to). With storage receipts the agent keeps every record,
 * sends each again when its receipt is overdue, and once a gateway runs, the session is stored
 * exactly once and complete and the journal fully receipted. Without receipts (the same run with
 * {@code receipts: ignore}) the journal frees everything on the broker's acknowledgement and the
 * session never reaches the database: the loss receipts close.
 */
class ReceiptRepairIT {
  private static final double TRACE_SECONDS = 10;

  @RegisterExtension final MosquittoExtension mosquitto = new MosquittoExtension();
  @RegisterExtension final InfluxdExtension influxd = new InfluxdExtension();
  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void acknowledgedByTheBrokerButNeverStored_isSentAgain_andStoredOnce() throws Exception {
    Trace trace = TraceLibrary.find("verticalizer-normal").orElseThrow().generate(TRACE_SECONDS);
    try (SimulatedDevice device = device(ReceiptSettings.Mode.REQUIRED)) {
      device.play(trace, 2.0, "P-7F3A");
      DeviceAgent agent = device.agent();
      long records = agent.journal().stats().lastId();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> agent.publisher().awaitingReceipt() >= records);
      assertEquals(0, agent.journal().stats().sentFrontier(), "acknowledged, yet nothing freed");

      try (Gateway gateway = gateway()) {
        Completeness done =
            await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> completeSession(gateway), c -> c != null);
        assertTrue(done.expected() > 10 && done.expected() <= records, done.toString());
        try {
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () -> agent.journal().stats().sentFrontier() == agent.journal().stats().lastId());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
          throw new AssertionError(
              "journal not fully receipted: "
                  + agent.journal().stats()
                  + ", awaiting "
                  + agent.publisher().awaitingReceipt()
                  + ", receipted "
                  + agent.publisher().receiptStats().receipted.sum()
                  + ", resent "
                  + agent.publisher().receiptStats().resent.sum()
                  + ", refused commands "
                  + agent.publisher().receiptStats().refusedCommands.sum()
                  + "; "
                  + done,
              e);
        }
        JournalStats journal = agent.journal().stats();
        assertEquals(0, journal.unsentRecords(), "the journal is fully receipted");
        assertEquals(0, agent.publisher().awaitingReceipt());
        assertTrue(
            agent.publisher().receiptStats().resent.sum() >= done.expected(),
            "each record was sent again: " + agent.publisher().receiptStats().resent.sum());
        for (String channel : new String[] {"heartRate", "spo2", "loadLeftKg"}) {
          assertEquals(
              trace.count(channel),
              (long) number("SELECT count(value) FROM sample WHERE channel = '" + channel + "'"),
              channel + " stored exactly once");
        }
      }
    }
  }

  @Test
  void withReceiptsIgnored_theSameSessionIsLost() throws Exception {
    Trace trace = TraceLibrary.find("verticalizer-normal").orElseThrow().generate(TRACE_SECONDS);
    try (SimulatedDevice device = device(ReceiptSettings.Mode.IGNORE)) {
      device.play(trace, 2.0, "P-7F3A");
      DeviceAgent agent = device.agent();
      long records = agent.journal().stats().lastId();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> agent.journal().stats().sentFrontier() >= records);

      try (Gateway gateway = gateway()) {
        await()
            .during(Duration.ofSeconds(3))
            .atMost(Duration.ofSeconds(10))
            .until(() -> gateway.parts().completeness().all().isEmpty());
        assertEquals(0.0, number("SELECT count(value) FROM sample"), "nothing reached the store");
      }
    }
  }

  private SimulatedDevice device(ReceiptSettings.Mode receipts) throws Exception {
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
            receipts));
  }

  private Gateway gateway() throws Exception {
    influxd.server().createDatabase("rehab");
    return TestGateways.start(
        dir.resolve("gateway"),
        mosquitto.server().uri(),
        "gateway-receipts",
        "none",
        TestGateways.influxd(influxd.server().url()));
  }

  private static Completeness completeSession(Gateway gateway) {
    return gateway.parts().completeness().all().stream()
        .filter(Completeness::complete)
        .findFirst()
        .orElse(null);
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
