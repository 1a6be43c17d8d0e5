package org.rehabtelemetry.simulator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.rehabtelemetry.agent.journal.JournalRecord;
import org.rehabtelemetry.gateway.Gateway;
import org.rehabtelemetry.gateway.testing.TestGateways;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.hardware.profile.DeviceProfiles;
import org.rehabtelemetry.hardware.trace.Trace;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.protocol.MessageCodec;
import org.rehabtelemetry.protocol.SampleBatch;
import org.rehabtelemetry.protocol.Topic;
import org.rehabtelemetry.testsupport.InfluxdServer;
import org.rehabtelemetry.testsupport.MosquittoServer;
import org.rehabtelemetry.testsupport.TempDirs;

/**
 * The side-by-side drain of issue 14: one outage backlog, held by Mosquitto for a subscriber that
 * was offline, drained once by a stock Node-RED flow (Node-RED 4.1.8, {@code mqtt in} at QoS 1, a
 * {@code function} that turns a batch into points, {@code influxdb batch} from
 * node-red-contrib-influxdb 0.7.0) and once by this project's gateway, each into its own database
 * of the same influxd. The backlog is N devices (default 20) x M minutes (default 5) of
 * verticalizer sessions recorded by the agent's own recorder into real journals ({@link
 * JournalBacklog}), published as the agents publish them.
 *
 * <p>Two rounds, each on a fresh broker and influxd: a plain drain, and one with influxd stopped
 * for 10 s, 3 s into each drain (a restart, an upgrade, a full disk freed). Prints the samples
 * published, and for each system the samples stored, those lost, the write errors it logged and the
 * time until its last sample was stored. Figures only; asserts nothing. Run with {@code
 * scripts/bench-peer [devices] [minutes]}, which installs Node-RED from npm and passes its
 * directory in {@code RT_NODE_RED}.
 */
public final class PeerBench {
  private static final String SITE = "ward-b";
  private static final String NODE_RED_CLIENT = "peer-node-red";
  private static final String GATEWAY_CLIENT = "gateway-peer-bench";

  /** A drain is over when nothing more was stored for this long. */
  private static final Duration SETTLED = Duration.ofSeconds(20);

  private static final Duration MAX_DRAIN = Duration.ofMinutes(10);

  /** The second round stops influxd this long ... */
  private static final Duration OUTAGE = Duration.ofSeconds(10);

  /** ... this long after the drain started. */
  private static final Duration OUTAGE_AFTER = Duration.ofSeconds(3);

  private record Published(String topic, byte[] payload) {}

  private record Drain(long stored, double seconds) {}

  private PeerBench() {}

  public static void main(String[] args) throws Exception {
    int devices = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    String nodeRedHome = System.getenv("RT_NODE_RED");
    if (nodeRedHome == null || !NodeRedFlow.installedIn(Path.of(nodeRedHome))) {
      throw new IllegalStateException(
          "RT_NODE_RED must name a directory with node-red installed (scripts/bench-peer does)");
    }
    Path dir = TempDirs.create("rt-peer-bench-");
    try {
      run(devices, minutes, Path.of(nodeRedHome), dir);
    } finally {
      TempDirs.deleteRecursively(dir);
    }
  }

  private static void run(int devices, int minutes, Path nodeRed, Path dir) throws Exception {
    DeviceProfile profile = DeviceProfiles.builtIn(DeviceKind.VERTICALIZER);
    Trace trace = JournalBacklog.trace(minutes);
    MessageCodec codec = new MessageCodec();
    List<Published> backlog = new ArrayList<>();
    long samples = 0;
    for (int d = 0; d < devices; d++) {
      Path deviceDir = dir.resolve(JournalBacklog.deviceId(d));
      JournalBacklog.prefill(deviceDir, profile, trace, minutes, d);
      for (JournalRecord record : JournalBacklog.records(deviceDir)) {
        String topic = new Topic(SITE, JournalBacklog.deviceId(d), record.type()).toString();
        if (codec.decode(topic, record.payload()) instanceof SampleBatch batch) {
          samples += batch.sampleCount();
        }
        backlog.add(new Published(topic, record.payload()));
      }
    }
    System.out.printf(
        "backlog: %d devices x %d min = %,d messages, %,d samples, held by Mosquitto for an"
            + " offline subscriber, then drained into influxd%n",
        devices, minutes, backlog.size(), samples);

    round("a plain drain", null, dir.resolve("plain"), nodeRed, backlog, samples);
    round(
        "influxd stopped for "
            + OUTAGE.toSeconds()
            + " s, "
            + OUTAGE_AFTER.toSeconds()
            + " s into"
            + " each drain",
        OUTAGE,
        dir.resolve("outage"),
        nodeRed,
        backlog,
        samples);
  }

  /**
   * One side-by-side round on a fresh broker and influxd: Node-RED drains the backlog, then the
   * gateway drains the same backlog; with {@code outage}, influxd is stopped that long, {@link
   * #OUTAGE_AFTER} into each drain.
   */
  private static void round(
      String title,
      Duration outage,
      Path dir,
      Path nodeRedHome,
      List<Published> backlog,
      long samples)
      throws Exception {
    System.out.printf("-- %s%n", title);
    try (MosquittoServer broker =
            new MosquittoServer(
                List.of(
                    "max_inflight_messages 1000",
                    "max_queued_messages 2000000",
                    "max_queued_bytes 4294967296"));
        InfluxdServer influxd = new InfluxdServer()) {
      broker.start();
      influxd.start();
      influxd.createDatabase("peer");
      influxd.createDatabase("rehab");
      ObjectMapper json = new ObjectMapper();

      // Node-RED: its persistent session is made first, as if it had run before the outage.
      holdFor(broker, NODE_RED_CLIENT, "rehab/v1/+/+/samples");
      publish(broker, backlog);
      Path userDir = Files.createDirectories(dir.resolve("node-red"));
      Path log = userDir.resolve("node-red.log");
      long peerStart = System.nanoTime();
      Process nodeRed =
          NodeRedFlow.start(nodeRedHome, userDir, broker.port(), influxd.url(), NODE_RED_CLIENT);
      Drain peer;
      Thread peerFault = outage(influxd, outage);
      try {
        peer = drain(() -> count(json, influxd, "peer"), samples, peerStart);
      } finally {
        endOutage(peerFault);
        nodeRed.destroy();
        if (!nodeRed.waitFor(10, TimeUnit.SECONDS)) {
          nodeRed.destroyForcibly();
        }
      }
      long peerErrors =
          Files.readAllLines(log, StandardCharsets.UTF_8).stream()
              .filter(line -> line.contains("[error]"))
              .count();
      report(
          "Node-RED 4.1.8 + node-red-contrib-influxdb 0.7.0",
          samples,
          peer,
          peerErrors
              + " write errors logged (its mqtt in acknowledges each message to the broker on"
              + " arrival)");

      // This project's gateway, on the same backlog held the same way.
      holdFor(broker, GATEWAY_CLIENT, Topic.ALL);
      publish(broker, backlog);
      Drain ours;
      long deadLetters;
      long oursStart = System.nanoTime();
      Thread fault = outage(influxd, outage);
      try (Gateway gateway =
          TestGateways.start(
              dir.resolve("gateway"),
              broker.uri(),
              GATEWAY_CLIENT,
              null,
              TestGateways.influxd(influxd.url()))) {
        ours = drain(() -> count(json, influxd, "rehab"), samples, oursStart);
        deadLetters = gateway.ingest().stats().deadLettered();
      } finally {
        endOutage(fault);
      }
      report(
          "rehab-telemetry gateway",
          samples,
          ours,
          deadLetters + " dead letters (it acknowledges a message only once it is stored)");
      System.out.printf(
          "stored: gateway %,d against Node-RED %,d samples (%.2fx); drain time gateway %.1f s"
              + " against Node-RED %.1f s%n",
          ours.stored(),
          peer.stored(),
          peer.stored() == 0 ? Double.POSITIVE_INFINITY : (double) ours.stored() / peer.stored(),
          ours.seconds(),
          peer.seconds());
    }
  }

  /** Ends an outage early if the drain finished first (influxd is up again), and waits for it. */
  private static void endOutage(Thread fault) throws InterruptedException {
    fault.interrupt();
    fault.join();
  }

  /** Stops influxd for {@code outage}, {@link #OUTAGE_AFTER} from now; none when null. */
  private static Thread outage(InfluxdServer influxd, Duration outage) {
    Thread fault =
        new Thread(
            () -> {
              if (outage == null) {
                return;
              }
              try {
                Thread.sleep(OUTAGE_AFTER.toMillis());
                influxd.stop();
                try {
                  Thread.sleep(outage.toMillis());
                } finally {
                  influxd.start(); // even when cut short: the round goes on with its store
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the drain ended first: no outage
              } catch (Exception e) {
                throw new IllegalStateException("the influxd outage failed", e);
              }
            },
            "influxd-outage");
    fault.start();
    return fault;
  }

  /** Opens and leaves a persistent session subscribed to {@code filter} at QoS 1. */
  private static void holdFor(MosquittoServer broker, String clientId, String filter)
      throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(broker.uri(), clientId, new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(false);
    client.connect(options).waitForCompletion(10_000);
    client.subscribe(filter, 1).waitForCompletion(10_000);
    client.disconnect().waitForCompletion(10_000);
    client.close();
  }

  /** Publishes every message at QoS 1 and waits for the broker's acknowledgements. */
  private static void publish(MosquittoServer broker, List<Published> backlog)
      throws MqttException, InterruptedException {
    MqttAsyncClient client =
        new MqttAsyncClient(broker.uri(), "peer-bench-publisher", new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMaxInflight(1000);
    client.connect(options).waitForCompletion(10_000);
    Semaphore window = new Semaphore(500);
    AtomicReference<Throwable> failed = new AtomicReference<>();
    IMqttActionListener done =
        new IMqttActionListener() {
          @Override
          public void onSuccess(IMqttToken token) {
            window.release();
          }

          @Override
          public void onFailure(IMqttToken token, Throwable e) {
            failed.compareAndSet(null, e);
            window.release();
          }
        };
    for (Published message : backlog) {
      window.acquire();
      client.publish(message.topic(), message.payload(), 1, false, null, done);
    }
    window.acquire(500);
    if (failed.get() != null) {
      throw new IllegalStateException("the backlog was not all published", failed.get());
    }
    client.disconnect().waitForCompletion(10_000);
    client.close();
  }

  /**
   * Waits until {@code expected} samples are stored or nothing more arrives for 20 s; times from
   * {@code start} (the consumer's process or object starting, so both include their start-up).
   */
  private static Drain drain(LongSupplier stored, long expected, long start)
      throws InterruptedException {
    long last = -1;
    long lastIncrease = System.nanoTime();
    long quietSince = lastIncrease;
    while (System.nanoTime() - start < MAX_DRAIN.toNanos()) {
      long now = stored.getAsLong();
      if (now < 0) {
        quietSince = System.nanoTime(); // the store is down: not settled
      } else if (now != last) {
        last = now;
        lastIncrease = System.nanoTime();
        quietSince = lastIncrease;
      }
      if (last >= expected || System.nanoTime() - quietSince > SETTLED.toNanos()) {
        break;
      }
      Thread.sleep(500);
    }
    return new Drain(last, (lastIncrease - start) / 1e9);
  }

  private static void report(String who, long published, Drain drain, String errors) {
    long lost = published - drain.stored();
    System.out.printf(
        "%s: stored %,d of %,d samples, lost %,d (%.1f %%), %s; the last sample stored %.1f s"
            + " after it started%n",
        who, drain.stored(), published, lost, 100.0 * lost / published, errors, drain.seconds());
  }

  private static long count(ObjectMapper json, InfluxdServer influxd, String database) {
    try {
      JsonNode values =
          json.readTree(influxd.query(database, "SELECT count(value) FROM sample"))
              .path("results")
              .path(0)
              .path("series")
              .path(0)
              .path("values")
              .path(0);
      return values.isMissingNode() ? 0 : values.get(1).asLong();
    } catch (IOException | RuntimeException e) {
      return -1; // not reachable now
    }
  }
}
