package org.rehabtelemetry.simulator.fleet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.rehabtelemetry.hardware.profile.DeviceProfiles;
import org.rehabtelemetry.hardware.trace.Trace;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.simulator.model.TraceLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * N virtual devices in one process, paced by one thread: each replays a library trace as sessions
 * in a loop, one batch per interval, at 1×, N× or as fast as possible. Devices are staggered over
 * the first interval so the broker sees a steady stream. The pacer records how late each batch went
 * out (lag), the figure that says whether the process keeps up.
 *
 * <p>Sample times follow the simulated clock, which starts at the wall clock and runs {@code speed}
 * times faster: at N× the stored data lies in the (near) future, as a load test's may.
 */
public final class Fleet implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Fleet.class);

  /** What a run did. */
  public record Result(
      int devices,
      long batches,
      long samples,
      long published,
      long acknowledged,
      long failed,
      long lagP50Ms,
      long lagP99Ms,
      long lagMaxMs) {}

  private final List<VirtualDevice> devices = new ArrayList<>();
  private final double speed;
  private final int batchMs;
  private boolean closed;

  /**
   * @param count how many devices; kinds cycle through the built-in profiles' kinds
   * @param traceSeconds the length of each device's session trace
   * @param speed 1 for real time, N for N× faster, 0 for as fast as possible
   */
  public Fleet(
      String brokerUri, String site, int count, double traceSeconds, double speed, int batchMs)
      throws MqttException {
    this(
        brokerUri,
        site,
        count,
        speed,
        batchMs,
        kind -> TraceLibrary.of(kind).get(0).generate(traceSeconds));
  }

  /**
   * A fleet whose devices publish at the rates real agents publish (each channel's {@code
   * publishHz}, as window means), not at the sensors' raw rates.
   */
  public static Fleet atPublishRates(
      String brokerUri, String site, int count, double traceSeconds, double speed, int batchMs)
      throws MqttException {
    return new Fleet(
        brokerUri,
        site,
        count,
        speed,
        batchMs,
        kind ->
            PublishRates.of(
                TraceLibrary.of(kind).get(0).generate(traceSeconds), DeviceProfiles.builtIn(kind)));
  }

  private Fleet(
      String brokerUri,
      String site,
      int count,
      double speed,
      int batchMs,
      java.util.function.Function<DeviceKind, Trace> traceOf)
      throws MqttException {
    this.speed = speed;
    this.batchMs = batchMs;
    List<DeviceKind> kinds = DeviceProfiles.builtInKinds();
    List<Trace> traces = new ArrayList<>();
    for (DeviceKind kind : kinds) {
      traces.add(traceOf.apply(kind));
    }
    for (int i = 0; i < count; i++) {
      DeviceKind kind = kinds.get(i % kinds.size());
      String id = String.format("sim-%s-%03d", prefix(kind), i);
      devices.add(new VirtualDevice(brokerUri, site, id, traces.get(i % kinds.size()), batchMs));
    }
  }

  /** Every device logs in with {@code credentials} (call before {@link #connect()}). */
  public void credentials(FleetCredentials credentials) {
    devices.forEach(device -> device.credentials(credentials));
  }

  /** Connects every device (birth published), eight at a time. */
  public void connect() throws MqttException {
    try {
      inParallel(
          device -> {
            device.connect();
            return null;
          });
    } catch (Exception e) {
      throw e instanceof MqttException mqtt ? mqtt : new MqttException(e);
    }
  }

  /** Runs for {@code seconds} of wall time (sessions loop), then returns what was done. Blocks. */
  public Result run(double seconds) throws InterruptedException {
    return run(seconds, System.currentTimeMillis() * 1000);
  }

  /**
   * Runs for {@code seconds} of wall time with the simulated clock starting at {@code startUs} (µs
   * since the epoch): a soak at N× starts it N × seconds in the past, so that its data ends near
   * now and lies within a receiver's time window. Blocks.
   */
  public Result run(double seconds, long startUs) throws InterruptedException {
    long endNanos = System.nanoTime() + (long) (seconds * 1e9);
    long startNanos = System.nanoTime();
    PriorityQueue<VirtualDevice> due =
        new PriorityQueue<>(Comparator.comparingLong(VirtualDevice::nextDueUs));
    for (int i = 0; i < devices.size(); i++) {
      VirtualDevice device = devices.get(i);
      device.startSession(startUs + (long) i * batchMs * 1000 / devices.size());
      due.add(device);
    }
    List<Long> lags = new ArrayList<>();
    long batches = 0;
    while (System.nanoTime() < endNanos && !Thread.currentThread().isInterrupted()) {
      VirtualDevice device = due.poll();
      long dueUs = device.nextDueUs();
      if (speed > 0) {
        long dueNanos = startNanos + (long) ((dueUs - startUs) * 1000 / speed);
        long wait = dueNanos - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        lags.add(Math.max(0, (System.nanoTime() - dueNanos) / 1_000_000));
      }
      boolean more = device.publishNext();
      batches++;
      if (!more) {
        device.startSession(dueUs);
      }
      due.add(device);
    }
    lags.sort(null);
    long published = 0;
    long acknowledged = 0;
    long failed = 0;
    long samples = 0;
    for (VirtualDevice device : devices) {
      published += device.published();
      acknowledged += device.acknowledged();
      failed += device.failed();
      samples += device.samples();
    }
    return new Result(
        devices.size(),
        batches,
        samples,
        published,
        acknowledged,
        failed,
        percentile(lags, 0.50),
        percentile(lags, 0.99),
        lags.isEmpty() ? 0 : lags.get(lags.size() - 1));
  }

  public List<VirtualDevice> devices() {
    return devices;
  }

  /**
   * Each device says it goes offline and disconnects, eight at a time; a second call does nothing.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      inParallel(
          device -> {
            device.close();
            return null;
          });
    } catch (Exception e) {
      LOG.warn("closing the fleet: {}", e.toString());
    }
    LOG.info("fleet of {} devices stopped", devices.size());
  }

  private interface DeviceTask {
    Void apply(VirtualDevice device) throws Exception;
  }

  private void inParallel(DeviceTask task) throws Exception {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(
            8,
            runnable -> {
              Thread thread = new Thread(runnable, "fleet-setup");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<java.util.concurrent.Future<Void>> results = new ArrayList<>();
      for (VirtualDevice device : devices) {
        results.add(pool.submit(() -> task.apply(device)));
      }
      for (java.util.concurrent.Future<Void> result : results) {
        try {
          result.get();
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof Exception cause) {
            throw cause;
          }
          throw e;
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static long percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    return sorted.get((int) Math.min(sorted.size() - 1, Math.round(sorted.size() * p)));
  }

  /** A short id prefix: vert, trainer, hydro, or the kind's name. */
  static String prefix(DeviceKind kind) {
    return SHORT_NAMES.getOrDefault(kind, kind.wireName());
  }

  private static final java.util.Map<DeviceKind, String> SHORT_NAMES =
      java.util.Map.of(
          DeviceKind.VERTICALIZER, "vert",
          DeviceKind.MOVEMENT_TRAINER, "trainer",
          DeviceKind.HYDROTHERAPY, "hydro");
}
