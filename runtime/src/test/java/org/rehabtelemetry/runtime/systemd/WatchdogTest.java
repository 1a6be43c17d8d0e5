package org.rehabtelemetry.runtime.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.runtime.health.Liveness;

class WatchdogTest {
  /** A clock the test moves. */
  private static final class MovingClock extends Clock {
    Instant now = Instant.parse("2026-11-30T09:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** Records what would have gone to systemd. */
  private static final class RecordingManager implements ServiceManager {
    final List<String> sent = new ArrayList<>();

    @Override
    public void notify(String state) {
      sent.add(state);
    }

    @Override
    public boolean present() {
      return true;
    }
  }

  @Test
  void theWatchdogIsFedOnlyWhileEveryWorkerMakesProgress() {
    MovingClock clock = new MovingClock();
    Liveness liveness = new Liveness(clock);
    Liveness.Worker journal = liveness.register("journal-commit", Duration.ofSeconds(15));
    liveness.register("journal-publisher", Duration.ofSeconds(60)).beat();
    RecordingManager manager = new RecordingManager();
    Watchdog watchdog = new Watchdog(manager, liveness, Duration.ofSeconds(15));

    watchdog.check();
    assertEquals(List.of("WATCHDOG=1"), manager.sent);

    clock.now = clock.now.plusSeconds(20); // the journal's committer hangs
    manager.sent.clear();
    watchdog.check();
    watchdog.check();
    assertTrue(
        manager.sent.stream().noneMatch(s -> s.equals("WATCHDOG=1")), manager.sent.toString());
    assertEquals(
        "STATUS=no progress from journal-commit; the watchdog will restart the service",
        manager.sent.get(0));

    journal.beat();
    manager.sent.clear();
    watchdog.check();
    assertEquals(List.of("STATUS=running", "WATCHDOG=1"), manager.sent, "fed again");
  }

  @Test
  void theIntervalIsHalfTheTimeoutSystemdSet_forThisProcessOnly() {
    assertEquals(
        Optional.of(Duration.ofSeconds(15)),
        Watchdog.intervalFromEnvironment(Map.of("WATCHDOG_USEC", "30000000"), 42));
    assertEquals(
        Optional.of(Duration.ofSeconds(15)),
        Watchdog.intervalFromEnvironment(
            Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "42"), 42));
    assertEquals(
        Optional.empty(),
        Watchdog.intervalFromEnvironment(
            Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "7"), 42),
        "another process's watchdog");
    assertEquals(Optional.empty(), Watchdog.intervalFromEnvironment(Map.of(), 42));
    assertEquals(ServiceManager.NONE, SdNotify.fromEnvironment(Map.of()));
  }
}
