package org.rehabtelemetry.hardware.fault;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts one sensor's faults and tracks the conditions that make it FAULTED.
 *
 * <p>Every fault is counted by kind. A {@linkplain FaultKind#isCondition() condition} fault is also
 * kept as an active condition, keyed by kind and subject (e.g. {@code OUT_OF_RANGE} of {@code
 * loadLeftKg}), until it is cleared: the sensor is FAULTED while any condition is active, so one
 * broken channel does not make the status flap while the others deliver. Silence is detected here:
 * no valid data for longer than the timeout raises {@code SILENT}, and the next valid data clears
 * it. A lost port suppresses silence, which would only repeat it.
 *
 * <p>The listener hears every change of the active set, on the thread that caused it, while this
 * object's lock is held: it must be quick. Thread-safe.
 */
public final class SensorHealth {
  private final String sensor;
  private final long silentAfterNanos;
  private final SensorStatusListener listener;

  /** One counter per kind, all made here: the map never changes after construction. */
  private final Map<FaultKind, AtomicLong> counts = new EnumMap<>(FaultKind.class);

  private final Map<String, Condition> active = new LinkedHashMap<>();
  private long lastDataNanos;
  private boolean sawData;

  private record Condition(FaultKind kind, String detail) {}

  /**
   * @param sensor the sensor's name, used in status snapshots
   * @param silentAfterNanos how long without valid data before the sensor counts as silent
   * @param startNanos the monotonic time the sensor started; silence counts from here until the
   *     first valid reading
   * @param listener hears every change of the sensor's conditions
   */
  public SensorHealth(
      String sensor, long silentAfterNanos, long startNanos, SensorStatusListener listener) {
    this.sensor = sensor;
    this.silentAfterNanos = silentAfterNanos;
    this.listener = listener;
    this.lastDataNanos = startNanos;
    for (FaultKind kind : FaultKind.values()) {
      counts.put(kind, new AtomicLong());
    }
  }

  /** Counts {@code n} faults of a kind without raising a condition. */
  public void count(FaultKind kind, long n) {
    counts.get(kind).addAndGet(n);
  }

  /**
   * Counts one fault; a condition kind also becomes active for {@code subject} with {@code detail}
   * (a repeat of an active condition updates nothing but the count).
   */
  public synchronized void raise(FaultKind kind, String subject, String detail) {
    counts.get(kind).incrementAndGet();
    if (kind.isCondition() && !active.containsKey(key(kind, subject))) {
      active.put(key(kind, subject), new Condition(kind, detail));
      listener.statusChanged(status());
    }
  }

  /** Ends a condition, if active. */
  public synchronized void clear(FaultKind kind, String subject) {
    if (active.remove(key(kind, subject)) != null) {
      listener.statusChanged(status());
    }
  }

  /**
   * Checks a value against its channel's physical range. Outside it, raises {@code OUT_OF_RANGE}
   * for the channel with the value in the detail; inside it, clears that condition.
   *
   * @return whether the value is inside the range and may be used as a reading
   */
  public boolean checkRange(String channel, double value, double min, double max) {
    if (value < min || value > max) {
      raise(
          FaultKind.OUT_OF_RANGE,
          channel,
          channel + " = " + value + " is outside its physical range " + min + ".." + max);
      return false;
    }
    clear(FaultKind.OUT_OF_RANGE, channel);
    return true;
  }

  /** Valid data arrived at {@code nanos}; ends a silence. */
  public synchronized void dataReceived(long nanos) {
    lastDataNanos = nanos;
    sawData = true;
    clear(FaultKind.SILENT, "");
  }

  /** The port failed or could not be opened. */
  public void portLost(String detail) {
    raise(FaultKind.PORT_LOST, "", detail);
  }

  /** The port is open again; silence is measured afresh from {@code nanos}. */
  public synchronized void portRestored(long nanos) {
    lastDataNanos = nanos;
    clear(FaultKind.PORT_LOST, "");
  }

  /** Raises SILENT if no valid data arrived for the timeout; call it at least once a second. */
  public synchronized void checkSilence(long nanos) {
    long quietNanos = nanos - lastDataNanos;
    if (quietNanos > silentAfterNanos
        && !active.containsKey(key(FaultKind.PORT_LOST, ""))
        && !active.containsKey(key(FaultKind.SILENT, ""))) {
      raise(
          FaultKind.SILENT,
          "",
          (sawData ? "no valid data for " : "no valid data since start, ")
              + quietNanos / 1_000_000
              + " ms");
    }
  }

  /** The current status: health, the first active condition and all counters. */
  public synchronized SensorStatus status() {
    Map<FaultKind, Long> snapshot = new EnumMap<>(FaultKind.class);
    for (FaultKind kind : FaultKind.values()) {
      long n = counts.get(kind).get();
      if (n > 0) {
        snapshot.put(kind, n);
      }
    }
    if (active.isEmpty()) {
      return new SensorStatus(sensor, SensorStatus.Health.OK, null, "", snapshot);
    }
    Condition first = active.values().iterator().next();
    StringBuilder detail = new StringBuilder();
    for (Condition condition : active.values()) {
      detail.append(detail.length() == 0 ? "" : "; ").append(condition.detail());
    }
    return new SensorStatus(
        sensor, SensorStatus.Health.FAULTED, first.kind(), detail.toString(), snapshot);
  }

  private static String key(FaultKind kind, String subject) {
    return kind.name() + ":" + subject;
  }
}
