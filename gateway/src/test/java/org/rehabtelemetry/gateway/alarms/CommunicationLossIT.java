package org.rehabtelemetry.gateway.alarms;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.gateway.Gateway;
import org.rehabtelemetry.gateway.testing.TestGateways;
import org.rehabtelemetry.gateway.testing.TestSessions;
import org.rehabtelemetry.testsupport.MosquittoExtension;

/**
 * A device falls silent in the middle of its session (frozen, or its link cut) and the operator's
 * alarm list shows {@code COMM_LOSS} within 5 s of its last message; when the device's messages
 * flow again the alarm clears and the session is stored complete. Real Mosquitto, the gateway with
 * its embedded store, a device publishing one batch a second.
 */
class CommunicationLossIT {
  @RegisterExtension final MosquittoExtension mosquitto = new MosquittoExtension();
  @TempDir Path dir;

  @Test
  void aSilentRunningSession_raisesTheOperatorsAlarmWithin5s_andClearsWhenTrafficResumes()
      throws Exception {
    try (Gateway gateway =
        TestGateways.start(
            dir, mosquitto.server().uri(), "gateway-comm", "none", TestGateways.embedded())) {
      Instant start = Instant.now();
      List<TestSessions.Published> session =
          TestSessions.encode("ward-b", TestSessions.session("vert-01", "S-comm", start, 6, 10));
      MqttClient device =
          new MqttClient(mosquitto.server().uri(), "vert-01", new MemoryPersistence());
      device.connect();
      // started and three batches, one a second, as an agent sends them
      for (int i = 0; i < 4; i++) {
        if (i > 1) {
          Thread.sleep(1000);
        }
        device.publish(session.get(i).topic(), session.get(i).payload(), 1, false);
      }
      long silentSince = System.nanoTime();
      await()
          .atMost(Duration.ofSeconds(5))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> commLoss(gateway).map(e -> e.deviceState().equals("raised")).orElse(false));
      double seconds = (System.nanoTime() - silentSince) / 1e9;
      assertTrue(seconds <= 5, "raised " + seconds + " s after the last message");

      // The device comes back: the rest of its session.
      for (int i = 4; i < session.size(); i++) {
        device.publish(session.get(i).topic(), session.get(i).payload(), 1, false);
      }
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> commLoss(gateway).map(AlarmBoard.Entry::over).orElse(false));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  gateway.parts().completeness().all().stream()
                      .anyMatch(c -> c.sessionId().equals("S-comm") && c.complete()));
      device.disconnect();
      device.close();
      System.out.printf(
          "communication loss: operator's alarm %.1f s after the last message%n", seconds);
    }
  }

  private static Optional<AlarmBoard.Entry> commLoss(Gateway gateway) {
    return gateway.parts().alarms().all().stream()
        .filter(e -> e.code().equals(CommunicationWatch.CODE) && e.device().equals("vert-01"))
        .findFirst();
  }
}
