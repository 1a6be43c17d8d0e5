package org.rehabtelemetry.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.agent.config.AgentConfig;
import org.rehabtelemetry.agent.control.SessionSetup;
import org.rehabtelemetry.agent.mqtt.PahoTransport;
import org.rehabtelemetry.agent.session.SessionState;
import org.rehabtelemetry.hardware.port.MonotonicClock;
import org.rehabtelemetry.testsupport.JavaMains;
import org.rehabtelemetry.testsupport.MosquittoExtension;
import org.rehabtelemetry.testsupport.SocatPtyExtension;

/**
 * A second agent on a running agent's state directory is refused before it touches anything: the
 * first keeps its session running, its journal files only grow, and the second says why.
 */
class AgentSecondInstanceIT {
  @RegisterExtension final MosquittoExtension mosquitto = new MosquittoExtension();
  @RegisterExtension final SocatPtyExtension pty = new SocatPtyExtension();
  @TempDir Path dir;

  @Test
  void aSecondAgentOnTheSameStateDirectory_isRefused_andChangesNothing() throws Exception {
    AgentConfig config =
        AgentBrokerOutageIT.config(dir, mosquitto.server().uri(), pty.server().deviceEnd(), 0);
    DeviceAgent first =
        new DeviceAgent(
            config,
            Clock.systemUTC(),
            MonotonicClock.SYSTEM,
            () -> true,
            TestAgentConfigs.mockBoard());
    try (HubFeeder hub = new HubFeeder(pty.server().peerEnd())) {
      first.start(new PahoTransport(config.mqtt()));
      hub.start();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> first.status().live().containsKey("loadLeftKg"));
      String session =
          first
              .commands()
              .startSession(new SessionSetup("P-7F3A", "standing", Map.of()), "therapist");
      await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
      Map<Path, Long> before = sizes(config.stateDir());

      DeviceAgent second =
          new DeviceAgent(
              config,
              Clock.systemUTC(),
              MonotonicClock.SYSTEM,
              () -> true,
              TestAgentConfigs.mockBoard());
      AgentStartException refused =
          assertThrows(
              AgentStartException.class, () -> second.start(new PahoTransport(config.mqtt())));
      assertTrue(refused.getMessage().contains("in use"), refused.getMessage());
      second.close();

      Path log = dir.resolve("second.log");
      Process process =
          JavaMains.start(MockBoardAgentMain.class, log, dir.resolve("agent.yaml").toString());
      assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
      assertEquals(1, process.exitValue(), "the process exits 1 for its service manager");
      String output = Files.readString(log);
      assertTrue(output.contains("cannot start: the state directory"), output);
      assertTrue(output.contains("Nothing was changed."), output);

      await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
      assertEquals(SessionState.RUNNING, first.status().state(), "the first agent's session");
      assertEquals(session, first.status().session().sessionId());
      Map<Path, Long> after = sizes(config.stateDir());
      for (Map.Entry<Path, Long> file : before.entrySet()) {
        if (file.getKey().toString().endsWith(".seg")) {
          assertTrue(
              after.getOrDefault(file.getKey(), -1L) >= file.getValue(),
              "segment " + file.getKey() + " was not cut: " + before + " -> " + after);
        }
      }
      first.commands().stopSession("therapist");
    } finally {
      first.close();
    }
  }

  private static Map<Path, Long> sizes(Path dir) throws Exception {
    Map<Path, Long> sizes = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        sizes.put(dir.relativize(file), Files.size(file));
      }
    }
    return sizes;
  }
}
