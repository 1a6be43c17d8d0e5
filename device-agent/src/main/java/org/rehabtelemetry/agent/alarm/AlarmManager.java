package org.rehabtelemetry.agent.alarm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.rehabtelemetry.protocol.AlarmState;

/**
 * Keeps the active alarms and their life cycle: raised → acknowledged (by a person) and cleared
 * (when the condition ends). A non-latched alarm disappears when cleared; a latched one stays,
 * marked cleared, until acknowledged, and one that was acknowledged disappears when cleared. Every
 * change goes to the listener (which journals, publishes and shows it). Thread-safe; the listener
 * is called under the lock and must not block.
 */
public final class AlarmManager implements AlarmSink {
  private final String idPrefix;
  private final Consumer<ActiveAlarm> listener;
  private final Map<String, ActiveAlarm> active = new LinkedHashMap<>();
  private long counter;

  /**
   * @param idPrefix makes ids unique per device and boot, e.g. {@code A-b7c1e0d2}
   */
  public AlarmManager(String idPrefix, Consumer<ActiveAlarm> listener) {
    this.idPrefix = idPrefix;
    this.listener = listener;
  }

  /** Raises the condition unless it is already active; returns whether it was new. */
  @Override
  public synchronized boolean raise(AlarmSpec spec, long nanos) {
    ActiveAlarm existing = active.get(spec.key());
    if (existing != null && existing.state() != AlarmState.CLEARED) {
      return false;
    }
    ActiveAlarm alarm = new ActiveAlarm(idPrefix + "-" + ++counter, spec, AlarmState.RAISED, nanos);
    active.put(spec.key(), alarm);
    listener.accept(alarm);
    return true;
  }

  /** The condition ended. */
  @Override
  public synchronized void clear(String key) {
    ActiveAlarm alarm = active.get(key);
    if (alarm == null || alarm.state() == AlarmState.CLEARED) {
      return;
    }
    boolean keep = alarm.spec().latched() && alarm.state() != AlarmState.ACKNOWLEDGED;
    ActiveAlarm cleared =
        new ActiveAlarm(alarm.alarmId(), alarm.spec(), AlarmState.CLEARED, alarm.raisedNanos());
    if (keep) {
      active.put(key, cleared);
    } else {
      active.remove(key);
    }
    listener.accept(cleared);
  }

  /**
   * A person acknowledged the alarm on the device.
   *
   * @return whether an alarm with that id was active
   */
  public synchronized boolean acknowledge(String alarmId) {
    String key = null;
    for (Map.Entry<String, ActiveAlarm> entry : active.entrySet()) {
      if (entry.getValue().alarmId().equals(alarmId)) {
        key = entry.getKey();
        break;
      }
    }
    if (key == null) {
      return false;
    }
    ActiveAlarm alarm = active.get(key);
    if (alarm.state() == AlarmState.CLEARED) {
      active.remove(key);
      listener.accept(
          new ActiveAlarm(
              alarm.alarmId(), alarm.spec(), AlarmState.ACKNOWLEDGED, alarm.raisedNanos()));
      return true;
    }
    if (alarm.state() == AlarmState.RAISED) {
      ActiveAlarm acknowledged =
          new ActiveAlarm(
              alarm.alarmId(), alarm.spec(), AlarmState.ACKNOWLEDGED, alarm.raisedNanos());
      active.put(key, acknowledged);
      listener.accept(acknowledged);
    }
    return true;
  }

  /** Whether the condition with this key is raised or acknowledged (not cleared). */
  public synchronized boolean isActive(String key) {
    ActiveAlarm alarm = active.get(key);
    return alarm != null && alarm.state() != AlarmState.CLEARED;
  }

  /** Every alarm shown now, oldest first. */
  public synchronized List<ActiveAlarm> active() {
    return new ArrayList<>(active.values());
  }
}
