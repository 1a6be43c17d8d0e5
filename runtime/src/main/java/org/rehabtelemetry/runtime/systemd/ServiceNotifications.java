package org.rehabtelemetry.runtime.systemd;

import java.time.Duration;
import java.util.Optional;
import org.rehabtelemetry.runtime.health.Liveness;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a service tells systemd over its life, in one place for the agent and the gateway: {@code
 * READY=1} once it runs, the {@link Watchdog} while its unit has {@code WatchdogSec}, {@code
 * STOPPING=1} at shutdown. Outside systemd it does nothing. {@link #ready} once, then {@link
 * #close} once.
 */
public final class ServiceNotifications implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceNotifications.class);

  private final ServiceManager manager;
  private final Watchdog watchdog;

  private ServiceNotifications(ServiceManager manager, Watchdog watchdog) {
    this.manager = manager;
    this.watchdog = watchdog;
  }

  /**
   * Tells systemd (if this process runs under it) that the service is ready, and starts feeding its
   * watchdog from {@code liveness} when the unit has one.
   */
  public static ServiceNotifications ready(Liveness liveness) {
    return ready(
        SdNotify.fromEnvironment(System.getenv()),
        Watchdog.intervalFromEnvironment(System.getenv(), ProcessHandle.current().pid()),
        liveness);
  }

  static ServiceNotifications ready(
      ServiceManager manager, Optional<Duration> watchdogInterval, Liveness liveness) {
    Watchdog watchdog = null;
    if (manager.present() && watchdogInterval.isPresent()) {
      watchdog = new Watchdog(manager, liveness, watchdogInterval.get());
      watchdog.start();
      LOG.info("feeding systemd's watchdog every {} s", watchdogInterval.get().toSeconds());
    }
    manager.ready();
    manager.status("running");
    return new ServiceNotifications(manager, watchdog);
  }

  /** Says the service is stopping and stops feeding the watchdog. */
  @Override
  public void close() {
    manager.stopping();
    if (watchdog != null) {
      watchdog.close();
    }
  }
}
