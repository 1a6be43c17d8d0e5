package org.rehabtelemetry.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.agent.config.AgentConfig;
import org.rehabtelemetry.agent.control.SessionSetup;
import org.rehabtelemetry.agent.mqtt.PahoTransport;
import org.rehabtelemetry.hardware.port.MonotonicClock;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.SessionEventType;
import org.rehabtelemetry.protocol.SessionSummary;
import org.rehabtelemetry.testsupport.MosquittoExtension;
import org.rehabtelemetry.testsupport.SocatPtyExtension;

/**
 * Done-when 1 of the device-agent issue: Mosquitto is stopped for 30 s in the middle of a session
 * and restarted; every record of the session arrives with no gap (events ahead of the backlog of
 * samples, each lane in sequence order), and so does every load-cell sample the hub sent while the
 * session ran.
 */
class AgentBrokerOutageIT {
  static final Duration OUTAGE = Duration.ofSeconds(30);

  @RegisterExtension final MosquittoExtension mosquitto = new MosquittoExtension();
  @RegisterExtension final SocatPtyExtension pty = new SocatPtyExtension();
  @TempDir Path dir;

  @Test
  void brokerStopped30sMidSession_everyRecordAndSampleArrives_eachLaneInOrder() throws Exception {
    AgentConfig config = config(dir, mosquitto.server().uri(), pty.server().deviceEnd(), 0);
    try (SessionCollector collector = new SessionCollector(mosquitto.server().uri());
        HubFeeder hub = new HubFeeder(pty.server().peerEnd())) {
      DeviceAgent agent =
          new DeviceAgent(
              config,
              Clock.systemUTC(),
              MonotonicClock.SYSTEM,
              () -> true,
              TestAgentConfigs.mockBoard());
      agent.start(new PahoTransport(config.mqtt()));
      try {
        hub.start();
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> agent.status().live().containsKey("loadLeftKg"));
        String sessionId =
            agent
                .commands()
                .startSession(new SessionSetup("P-7F3A", "standing", Map.of()), "therapist");
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);

        mosquitto.server().stop();
        await().pollDelay(OUTAGE).atMost(OUTAGE.plusSeconds(5)).until(() -> true);
        assertTrue(!agent.status().brokerConnected());
        mosquitto.server().start();
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        agent.commands().stopSession("therapist");

        await().atMost(Duration.ofSeconds(60)).until(() -> collector.summary(sessionId) != null);
        SessionSummary summary = collector.summary(sessionId);
        List<Long> order = new ArrayList<>();
        Map<Long, Message> bySeq = collector.bySeq(sessionId, order);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    collector.bySeq(sessionId, new ArrayList<>()).size()
                        == summary.session().seq() + 1);
        bySeq = collector.bySeq(sessionId, order = new ArrayList<>());
        List<Long> sorted = new ArrayList<>(order);
        java.util.Collections.sort(sorted);
        for (int i = 0; i < sorted.size(); i++) {
          assertEquals(i, sorted.get(i), "seq " + i + " arrived, no gap");
        }
        // Events go ahead of a backlog of samples; within each lane the order is kept.
        long lastBatch = -1;
        long lastEvent = -1;
        for (long seq : order) {
          if (bySeq.get(seq) instanceof org.rehabtelemetry.protocol.SampleBatch) {
            assertTrue(seq > lastBatch, "batch " + seq + " after batch " + lastBatch);
            lastBatch = seq;
          } else {
            assertTrue(seq > lastEvent, "event " + seq + " after event " + lastEvent);
            lastEvent = seq;
          }
        }
        assertEquals(SessionEventType.STOPPED, summary.outcome());

        List<Double> left = SessionCollector.values(bySeq, "loadLeftKg");
        assertTrue(left.size() > 2500, "about 80 Hz for ~36 s, got " + left.size());
        for (int i = 1; i < left.size(); i++) {
          assertEquals(
              Math.round(left.get(i - 1) * 1000) + 1,
              Math.round(left.get(i) * 1000),
              "hub frames " + left.get(i - 1) + " and " + left.get(i) + " are consecutive");
        }
        System.out.printf(
            "broker outage %d s mid-session: %d records, %d load samples per side, none missing%n",
            OUTAGE.toSeconds(), order.size(), left.size());
      } finally {
        agent.close();
      }
    }
  }

  static AgentConfig config(Path dir, String brokerUri, Path hubPort, int uiPort) {
    return TestAgentConfigs.write(
        dir, "verticalizer-pty.yaml", Map.of("HUB_PORT", hubPort), brokerUri, uiPort, "sensorHub");
  }
}
