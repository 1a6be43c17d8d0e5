package org.rehabtelemetry.agent.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.rehabtelemetry.agent.alarm.AlarmManager;
import org.rehabtelemetry.agent.alarm.AlarmSpec;
import org.rehabtelemetry.hardware.fault.SensorStatus;
import org.rehabtelemetry.hardware.port.MonotonicClock;
import org.rehabtelemetry.protocol.AlarmPriority;

/**
 * Watches the sensors' health: a faulted sensor raises a medium technical alarm ({@code
 * SENSOR_<CAUSE>}) that clears when it recovers; a required sensor faulted for longer than the
 * grace period (10 s) interrupts a running session, since its data can no longer be trusted; and a
 * session cannot start while a required sensor is faulted. Thread-safe.
 */
public final class SensorWatch {
  static final long GRACE_NANOS = 10_000_000_000L;

  private final List<String> required;
  private final AlarmManager alarms;
  private final MonotonicClock clock;
  private final Map<String, SensorStatus> statuses = new ConcurrentHashMap<>();
  private final Map<String, Long> faultedSince = new ConcurrentHashMap<>();

  public SensorWatch(List<String> required, AlarmManager alarms, MonotonicClock clock) {
    this.required = List.copyOf(required);
    this.alarms = alarms;
    this.clock = clock;
  }

  /** A sensor's status changed (on a driver thread). */
  public void statusChanged(SensorStatus status) {
    statuses.put(status.sensor(), status);
    String key = "SENSOR:" + status.sensor();
    if (status.isFaulted()) {
      faultedSince.putIfAbsent(status.sensor(), clock.nanos());
      alarms.raise(
          AlarmSpec.technical(
              key,
              "SENSOR_" + status.cause().name(),
              AlarmPriority.MEDIUM,
              false,
              status.sensor() + ": " + status.detail()),
          clock.nanos());
    } else {
      faultedSince.remove(status.sensor());
      alarms.clear(key);
    }
  }

  /** The required sensors faulted now, each with what is wrong. */
  public List<String> faultedRequired() {
    List<String> faulted = new ArrayList<>();
    for (String sensor : required) {
      SensorStatus status = statuses.get(sensor);
      if (status != null && status.isFaulted()) {
        faulted.add(sensor + " (" + status.detail() + ")");
      }
    }
    return faulted;
  }

  /**
   * Called every tick: interrupts the session (through {@code interrupt}) when a required sensor
   * has been faulted longer than the grace period.
   */
  public void check(boolean sessionActive, Consumer<String> interrupt) {
    if (!sessionActive) {
      return;
    }
    long now = clock.nanos();
    for (String sensor : required) {
      Long since = faultedSince.get(sensor);
      if (since != null && now - since > GRACE_NANOS) {
        SensorStatus status = statuses.get(sensor);
        interrupt.accept(
            "sensor failure: " + sensor + (status == null ? "" : " (" + status.detail() + ")"));
        return;
      }
    }
  }
}
