package org.rehabtelemetry.agent.monitor;

import java.time.Duration;
import org.rehabtelemetry.agent.alarm.AlarmManager;
import org.rehabtelemetry.agent.alarm.AlarmSpec;
import org.rehabtelemetry.agent.time.Timebase;
import org.rehabtelemetry.hardware.port.MonotonicClock;
import org.rehabtelemetry.protocol.AlarmPriority;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices the wall clock jumping (a Pi without a real-time clock boots at the wrong time and NTP
 * moves it later): a low, latched {@code CLOCK_JUMP} alarm. A running session keeps its own time
 * line; between sessions the time base is re-anchored and the condition clears. Not thread-safe;
 * the tick thread calls it.
 */
public final class ClockWatch {
  private static final Logger LOG = LoggerFactory.getLogger(ClockWatch.class);

  private final Timebase timebase;
  private final AlarmManager alarms;
  private final MonotonicClock clock;

  public ClockWatch(Timebase timebase, AlarmManager alarms, MonotonicClock clock) {
    this.timebase = timebase;
    this.alarms = alarms;
    this.clock = clock;
  }

  public void check(boolean sessionActive) {
    Duration jump = timebase.checkJump();
    if (jump.isZero()) {
      return;
    }
    if (!alarms.isActive("CLOCK_JUMP")) {
      LOG.warn("wall clock jumped by {} ms", jump.toMillis());
      alarms.raise(
          AlarmSpec.technical(
                  "CLOCK_JUMP",
                  "CLOCK_JUMP",
                  AlarmPriority.LOW,
                  true,
                  "The wall clock moved by "
                      + jump.toSeconds()
                      + " s"
                      + (sessionActive ? "; this session keeps its own time line" : ""))
              .withValue(jump.toMillis() / 1000.0),
          clock.nanos());
    }
    if (!sessionActive) {
      timebase.reanchor();
      alarms.clear("CLOCK_JUMP");
    }
  }
}
