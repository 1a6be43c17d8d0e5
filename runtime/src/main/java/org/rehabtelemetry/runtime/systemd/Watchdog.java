package org.rehabtelemetry.runtime.systemd;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.rehabtelemetry.runtime.health.Liveness;
import org.rehabtelemetry.runtime.health.Liveness.WorkerState;
import org.rehabtelemetry.runtime.threads.FailFast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps systemd's watchdog fed only while the process is healthy: every {@code interval} (half the
 * unit's {@code WatchdogSec}), it sends {@code WATCHDOG=1} if every worker of the {@link Liveness}
 * view made progress within its limit, and otherwise says which worker is silent in the status line
 * and sends nothing, so that systemd kills and restarts a hung process. Runs on its own {@code
 * watchdog} thread. {@link #start} and {@link #close} once each.
 */
public final class Watchdog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

  private final ServiceManager manager;
  private final Liveness liveness;
  private final Duration interval;
  private ScheduledExecutorService scheduler;
  private volatile boolean starving;

  public Watchdog(ServiceManager manager, Liveness liveness, Duration interval) {
    this.manager = manager;
    this.liveness = liveness;
    this.interval = interval;
  }

  /**
   * Half the watchdog timeout systemd set for this process ({@code WATCHDOG_USEC}, and {@code
   * WATCHDOG_PID} if set must be {@code pid}); empty when there is no watchdog.
   */
  public static Optional<Duration> intervalFromEnvironment(
      Map<String, String> environment, long pid) {
    String usec = environment.get("WATCHDOG_USEC");
    String forPid = environment.get("WATCHDOG_PID");
    if (usec == null || (forPid != null && !forPid.equals(Long.toString(pid)))) {
      return Optional.empty();
    }
    try {
      long micros = Long.parseLong(usec);
      return micros > 0
          ? Optional.of(Duration.of(micros, java.time.temporal.ChronoUnit.MICROS).dividedBy(2))
          : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Starts the keep-alive thread. */
  // The future is not needed: a FailFast scheduler ends the process when a task throws.
  @SuppressWarnings("FutureReturnValueIgnored")
  public synchronized void start() {
    scheduler = FailFast.scheduler("watchdog");
    scheduler.scheduleAtFixedRate(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One check: feed the watchdog if healthy, else say who is silent. */
  void check() {
    if (liveness.healthy()) {
      if (starving) {
        starving = false;
        manager.status("running");
        LOG.info("every worker makes progress again; feeding the watchdog");
      }
      manager.watchdog();
      return;
    }
    String silent =
        liveness.snapshot().stream()
            .filter(w -> !w.healthy())
            .map(WorkerState::name)
            .collect(Collectors.joining(", "));
    if (!starving) {
      starving = true;
      LOG.error(
          "worker(s) {} made no progress within their limits; not feeding the watchdog", silent);
    }
    manager.status("no progress from " + silent + "; the watchdog will restart the service");
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
