package org.rehabtelemetry.agent.monitor;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import org.rehabtelemetry.agent.alarm.AlarmManager;
import org.rehabtelemetry.agent.alarm.AlarmSpec;
import org.rehabtelemetry.hardware.port.MonotonicClock;
import org.rehabtelemetry.protocol.AlarmPriority;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device's side of the distributed alarm system (IEC 60601-1-8, 6.11): during a session, when
 * the agent cannot deliver to the broker for {@code limit} (the oldest record waiting is older than
 * that, or the connection has been down that long), the touch UI shows {@code OPERATOR_LINK_LOST}
 * (medium, not latched: a technical alarm), so the therapist knows they are the only watcher. It
 * clears itself once deliveries catch up; both steps are logged, and the alarm is journaled and
 * reaches the gateway when the link is back. Between sessions a broken link raises nothing here.
 * Not thread-safe; the tick thread calls it.
 */
public final class LinkWatch {
  private static final Logger LOG = LoggerFactory.getLogger(LinkWatch.class);

  /** The alarm's code and key. */
  public static final String CODE = "OPERATOR_LINK_LOST";

  private final AlarmManager alarms;
  private final MonotonicClock clock;
  private final Duration limit;
  private final DoubleSupplier oldestUnsentSeconds;
  private final BooleanSupplier connected;
  private long disconnectedSinceNanos = -1;

  /**
   * @param oldestUnsentSeconds how long delivery to the broker has been stuck, in seconds (not
   *     storage: the operator sees a message once the broker has it)
   * @param connected whether the agent is connected to its broker now
   */
  public LinkWatch(
      AlarmManager alarms,
      MonotonicClock clock,
      Duration limit,
      DoubleSupplier oldestUnsentSeconds,
      BooleanSupplier connected) {
    this.alarms = alarms;
    this.clock = clock;
    this.limit = limit;
    this.oldestUnsentSeconds = oldestUnsentSeconds;
    this.connected = connected;
  }

  public void check(boolean sessionActive) {
    long now = clock.nanos();
    boolean up = connected.getAsBoolean();
    if (up) {
      disconnectedSinceNanos = -1;
    } else if (disconnectedSinceNanos < 0) {
      disconnectedSinceNanos = now;
    }
    boolean shown = alarms.isActive(CODE);
    if (!sessionActive && !shown) {
      return; // nothing to raise or clear: no journal read between sessions
    }
    double limitSeconds = limit.toMillis() / 1000.0;
    double waiting = oldestUnsentSeconds.getAsDouble();
    boolean downTooLong = !up && now - disconnectedSinceNanos >= limit.toNanos();
    boolean lost = waiting > limitSeconds || downTooLong;
    if (sessionActive && lost && !shown) {
      LOG.warn(
          "cannot deliver to the operator: {} (oldest record waiting {} s)",
          up ? "the broker is not acknowledging" : "not connected to the broker",
          waiting);
      alarms.raise(
          AlarmSpec.technical(
                  CODE,
                  CODE,
                  AlarmPriority.MEDIUM,
                  false,
                  "The operator cannot see this session: data is not getting through. You are"
                      + " the only one watching.")
              .withValue(waiting),
          now);
    } else if (shown && !lost) {
      LOG.info("deliveries to the operator caught up: {} cleared", CODE);
      alarms.clear(CODE);
    }
  }
}
