package org.rehabtelemetry.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.agent.cli.AgentCli;
import org.rehabtelemetry.agent.config.AgentConfig;
import org.rehabtelemetry.agent.control.SessionSetup;
import org.rehabtelemetry.agent.mqtt.PahoTransport;
import org.rehabtelemetry.agent.session.SessionState;
import org.rehabtelemetry.agent.ui.ControlApi;
import org.rehabtelemetry.hardware.pi4j.MockBoardPorts;
import org.rehabtelemetry.hardware.port.MonotonicClock;
import org.rehabtelemetry.testsupport.MosquittoExtension;
import org.rehabtelemetry.testsupport.SocatPtyExtension;

/**
 * The GPIO start/stop button and the CLI drive the same sessions as the touch UI: a short press
 * starts the session armed in the UI, pauses and resumes it, a long press stops it; the CLI starts,
 * reports and is refused with the therapist's message.
 */
class AgentButtonAndCliIT {
  private static final int BUTTON = 27;

  @RegisterExtension final MosquittoExtension mosquitto = new MosquittoExtension();
  @RegisterExtension final SocatPtyExtension pty = new SocatPtyExtension();
  @TempDir Path dir;

  @Test
  void buttonAndCli_driveSessions() throws Exception {
    AgentConfig config =
        AgentBrokerOutageIT.config(dir, mosquitto.server().uri(), pty.server().deviceEnd(), 0);
    DeviceAgent agent =
        new DeviceAgent(
            config,
            Clock.systemUTC(),
            MonotonicClock.SYSTEM,
            () -> true,
            TestAgentConfigs.mockBoard());
    try (HubFeeder hub = new HubFeeder(pty.server().peerEnd())) {
      agent.start(new PahoTransport(config.mqtt()));
      hub.start();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> agent.status().live().containsKey("loadLeftKg"));
      MockBoardPorts board = (MockBoardPorts) agent.ports();
      try (ControlApi api = new ControlApi(agent, "127.0.0.1", 0)) {
        String address = api.address();

        assertEquals(
            2, cli("session", "teleport", "--api", address).exitCode, "unknown command: usage");
        agent.commands().arm(new SessionSetup("P-7F3A", "standing", java.util.Map.of()));
        press(board, Duration.ofMillis(150));
        await()
            .atMost(Duration.ofSeconds(3))
            .until(() -> agent.status().state() == SessionState.RUNNING);
        press(board, Duration.ofMillis(150));
        await()
            .atMost(Duration.ofSeconds(3))
            .until(() -> agent.status().state() == SessionState.PAUSED);
        press(board, Duration.ofMillis(150));
        await()
            .atMost(Duration.ofSeconds(3))
            .until(() -> agent.status().state() == SessionState.RUNNING);

        Result status = cli("session", "status", "--api", address);
        assertEquals(0, status.exitCode);
        assertTrue(status.out.contains("\"state\":\"RUNNING\""), status.out);
        Result refused =
            cli(
                "session",
                "start",
                "--patient",
                "P-2",
                "--programme",
                "standing",
                "--api",
                address);
        assertEquals(1, refused.exitCode);
        assertTrue(refused.err.contains("A session is already running."), refused.err);

        press(board, Duration.ofMillis(2300));
        await()
            .atMost(Duration.ofSeconds(3))
            .until(() -> agent.status().state() == SessionState.IDLE);

        Result outOfBounds =
            cli(
                "session",
                "start",
                "--patient",
                "P-2",
                "--programme",
                "standing",
                "--limit",
                "SPO2_LOW=50",
                "--api",
                address);
        assertEquals(1, outOfBounds.exitCode);
        assertTrue(
            outOfBounds.err.contains("The alarm limit of SPO2_LOW must be between 85 and 95"),
            outOfBounds.err);
        Result started =
            cli(
                "session",
                "start",
                "--patient",
                "P-2",
                "--programme",
                "standing",
                "--set",
                "targetTiltDeg=45",
                "--limits",
                "strict",
                "--limit",
                "SPO2_LOW=92",
                "--api",
                address);
        assertEquals(0, started.exitCode, started.err);
        assertEquals(45.0, agent.status().session().settings().get("targetTiltDeg"));
        assertEquals(0, cli("session", "stop", "--api", address).exitCode);
        assertEquals(SessionState.IDLE, agent.status().state());
        assertEquals(
            2,
            cli("session", "start", "--patient", "P-2", "--api", address).exitCode,
            "usage error");

        // AUDIO PAUSED from the CLI: refused with nothing sounding; with the e-stop latched
        // (high priority sounding) it pauses, and sound-on ends the pause.
        Result nothing = cli("alarm", "pause-sound", "--api", address);
        assertTrue(
            nothing.exitCode != 0 && nothing.err.contains("No alarm is sounding"), nothing.err);
        board.drive(17, false);
        await().atMost(Duration.ofSeconds(5)).until(() -> agent.sounder().sounding() != null);
        assertEquals(0, cli("alarm", "pause-sound", "--api", address).exitCode);
        assertTrue(agent.sounder().pausedSecondsLeft() > 100);
        assertEquals(null, agent.sounder().sounding());
        assertEquals(0, cli("alarm", "sound-on", "--api", address).exitCode);
        assertEquals(0, agent.sounder().pausedSecondsLeft());
        assertTrue(agent.sounder().sounding() != null, "the latched e-stop sounds again");
        // ALARM PAUSED from the CLI: never over a high-priority alarm, said in words.
        Result alarmsHeld = cli("alarm", "pause-alarms", "--api", address);
        assertTrue(
            alarmsHeld.exitCode != 0 && alarmsHeld.err.contains("A high-priority alarm is active"),
            alarmsHeld.err);
        assertEquals(0, agent.sounder().alarmPausedSecondsLeft());
      }
    } finally {
      agent.close();
    }
  }

  private static void press(MockBoardPorts board, Duration hold) {
    board.drive(BUTTON, false);
    await().pollDelay(hold).until(() -> true);
    board.drive(BUTTON, true);
    await().pollDelay(Duration.ofMillis(100)).until(() -> true);
  }

  private record Result(int exitCode, String out, String err) {}

  private static Result cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        AgentCli.execute(
            new java.io.PrintWriter(
                new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true),
            new java.io.PrintWriter(
                new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true),
            args);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
