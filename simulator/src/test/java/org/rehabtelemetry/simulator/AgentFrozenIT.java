package org.rehabtelemetry.simulator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.gateway.Gateway;
import org.rehabtelemetry.gateway.alarms.AlarmBoard;
import org.rehabtelemetry.gateway.alarms.CommunicationWatch;
import org.rehabtelemetry.gateway.session.Completeness;
import org.rehabtelemetry.gateway.testing.TestGateways;
import org.rehabtelemetry.simulator.cli.SimulatorCli;
import org.rehabtelemetry.testsupport.JavaMains;
import org.rehabtelemetry.testsupport.MosquittoExtension;

/**
 * The agent frozen with SIGSTOP in the middle of a session (a hung JVM, a board stalled on its SD
 * card): its connection stays open, so no Last Will tells anyone, and only the gateway's
 * communication-loss alarm does. A real agent in its own JVM ({@code simulator device}) replaying a
 * trace, real Mosquitto, the gateway with its embedded store: the operator's list shows {@code
 * COMM_LOSS} within 5 s of the freeze; after SIGCONT it clears, the session finishes and is stored
 * complete, and the gateway's alarm log holds both steps.
 */
class AgentFrozenIT {
  private static final Duration FROZEN = Duration.ofSeconds(6);

  @RegisterExtension final MosquittoExtension mosquitto = new MosquittoExtension();
  @TempDir Path dir;

  @Test
  void aFrozenAgent_raisesTheOperatorsAlarmWithin5s_andAfterSigcontItClearsAndTheSessionIsComplete()
      throws Exception {
    try (Gateway gateway =
        TestGateways.start(
            dir.resolve("gateway"),
            mosquitto.server().uri(),
            "gateway-frozen",
            "none",
            TestGateways.embedded())) {
      Path log = dir.resolve("agent.log");
      Process agent =
          JavaMains.start(
              SimulatorCli.class,
              log,
              "device",
              "--kind",
              "verticalizer",
              "--broker",
              mosquitto.server().uri(),
              "--library",
              "verticalizer-normal",
              "--seconds",
              "14",
              "--serial",
              "memory",
              "--id",
              "vert-01",
              "--state",
              dir.resolve("agent").toString());
      try {
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> session(gateway).map(c -> c.received() >= 4).orElse(false));

        signal("STOP", agent);
        long frozenAt = System.nanoTime();
        await()
            .atMost(Duration.ofSeconds(5))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> commLoss(gateway).map(e -> !e.over()).orElse(false));
        double raisedAfter = (System.nanoTime() - frozenAt) / 1e9;
        long rest = FROZEN.toNanos() - (System.nanoTime() - frozenAt);
        if (rest > 0) {
          TimeUnit.NANOSECONDS.sleep(rest);
        }
        assertTrue(commLoss(gateway).map(e -> !e.over()).orElse(false), "still lost while frozen");

        signal("CONT", agent);
        long resumedAt = System.nanoTime();
        await()
            .atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> commLoss(gateway).map(AlarmBoard.Entry::over).orElse(false));
        double clearedAfter = (System.nanoTime() - resumedAt) / 1e9;
        assertTrue(agent.waitFor(60, TimeUnit.SECONDS), "the replay ends");
        assertEquals(0, agent.exitValue(), Files.readString(log));
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> session(gateway).map(Completeness::complete).orElse(false));
        Completeness stored = session(gateway).orElseThrow();
        assertEquals(stored.expected(), stored.received(), "every record of the session stored");

        assertTrue(gateway.parts().alarmLog().flush(Duration.ofSeconds(5)));
        long logged =
            gateway.parts().alarmLog().recent(100).stream()
                .filter(e -> e.alarm().code().equals(CommunicationWatch.CODE))
                .map(e -> e.alarm().conditionEnded())
                .distinct()
                .count();
        assertEquals(2, logged, "the alarm log holds the raise and the clear");
        System.out.printf(
            "agent frozen (SIGSTOP): operator's COMM_LOSS %.1f s after the freeze (target <= 5 s),"
                + " cleared %.1f s after SIGCONT; session complete, %d of %d records%n",
            raisedAfter, clearedAfter, stored.received(), stored.expected());
      } finally {
        if (agent.isAlive()) {
          signal("CONT", agent);
          agent.destroyForcibly().waitFor();
        }
      }
    }
  }

  private static void signal(String signal, Process process) throws Exception {
    Process kill =
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
    assertEquals(0, kill.waitFor(), "kill -" + signal);
  }

  private static Optional<Completeness> session(Gateway gateway) {
    return gateway.parts().completeness().all().stream()
        .filter(c -> c.device().equals("vert-01"))
        .findFirst();
  }

  private static Optional<AlarmBoard.Entry> commLoss(Gateway gateway) {
    return gateway.parts().alarms().all().stream()
        .filter(e -> e.code().equals(CommunicationWatch.CODE) && e.device().equals("vert-01"))
        .findFirst();
  }
}
