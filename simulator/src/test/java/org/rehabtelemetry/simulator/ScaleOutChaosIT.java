package org.rehabtelemetry.simulator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.agent.DeviceAgent;
import org.rehabtelemetry.gateway.cli.GatewayCli;
import org.rehabtelemetry.hardware.trace.Trace;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.simulator.fault.FaultScript;
import org.rehabtelemetry.simulator.model.TraceLibrary;
import org.rehabtelemetry.simulator.replay.DeviceReplay;
import org.rehabtelemetry.simulator.replay.SimulatedDevice;
import org.rehabtelemetry.testsupport.HiveMqServer;
import org.rehabtelemetry.testsupport.InfluxdExtension;
import org.rehabtelemetry.testsupport.JavaMains;
import org.rehabtelemetry.testsupport.ManagedServer;
import org.rehabtelemetry.testsupport.MosquittoServer;
import org.rehabtelemetry.testsupport.TcpRelay;

/**
 * Gateways scaled out under chaos: three gateways (child JVMs) in one shared group, twenty
 * simulated verticalizers each running the real agent with its own fsynced journal, a real broker
 * and a real influxd. While the devices play a 40-second session: three broker restarts, two
 * gateways killed with SIGKILL (and started again), influxd stopped for 20 s, and one device's link
 * cut for 30 s. At the end every sample of every device is stored exactly once (count and sum per
 * channel against the trace), every session is complete with nothing missing, and every journal is
 * fully receipted.
 *
 * <p>The storage receipts carry this, not the broker: Mosquitto 2.0.11 drops a shared group's
 * messages between its restart and the group's resubscription, and a gateway killed with messages
 * in flight loses them; the devices send again what was not receipted.
 */
class ScaleOutChaosIT {
  private static final int DEVICES = 20;
  private static final double TRACE_SECONDS = 40;
  private static final String CUT_DEVICE = "vert-07";
  private static final List<String> GATEWAYS = List.of("gateway-a", "gateway-b", "gateway-c");

  /** Seconds after the devices start playing; the trace plays for 40. */
  private static final String FAULTS =
      """
      3   broker     stop
      5   broker     start
      6   link       stop     # vert-07's link cut for 30 s
      8   gateway-a  kill
      11  gateway-a  start
      12  influxd    stop     # for 20 s
      16  broker     stop
      18  broker     start
      22  gateway-b  kill
      25  gateway-b  start
      28  broker     stop
      30  broker     start
      32  influxd    start
      36  link       start
      """;

  @RegisterExtension final InfluxdExtension influxd = new InfluxdExtension();
  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void onMosquitto_everySampleStoredOnceEverySessionCompleteEveryJournalReceipted()
      throws Exception {
    try (MosquittoServer broker = new MosquittoServer(List.of("max_queued_messages 100000"))) {
      broker.start();
      run("Mosquitto", broker, broker.port());
    }
  }

  /**
   * The same against a second implementation with shared subscriptions, HiveMQ CE: the guarantee
   * must not rest on one broker's quirks.
   */
  @Test
  void onHiveMq_everySampleStoredOnceEverySessionCompleteEveryJournalReceipted() throws Exception {
    try (HiveMqServer broker = new HiveMqServer()) {
      broker.start();
      run("HiveMQ CE", broker, broker.port());
    }
  }

  private void run(String brokerName, ManagedServer broker, int brokerPort) throws Exception {
    influxd.server().createDatabase("rehab");
    String brokerUri = "tcp://127.0.0.1:" + brokerPort;
    Trace trace = TraceLibrary.find("verticalizer-normal").orElseThrow().generate(TRACE_SECONDS);
    Map<String, Supervised> gateways = new HashMap<>();
    List<SimulatedDevice> devices = new ArrayList<>();
    ExecutorService players = Executors.newFixedThreadPool(DEVICES + 1);
    try (TcpRelay link = TcpRelay.start(CUT_DEVICE, brokerPort)) {
      for (String name : GATEWAYS) {
        Supervised gateway = new Supervised(name, () -> startGateway(name, brokerUri));
        gateways.put(name, gateway);
        gateway.start();
      }
      for (String name : GATEWAYS) {
        awaitRunning(name);
      }
      for (int i = 1; i <= DEVICES; i++) {
        String id = String.format("vert-%02d", i);
        devices.add(
            SimulatedDevice.start(
                new SimulatedDevice.Options(
                    DeviceKind.VERTICALIZER,
                    id,
                    "ward-b",
                    id.equals(CUT_DEVICE) ? link.uri() : brokerUri,
                    dir.resolve(id),
                    SimulatedDevice.SerialMode.IN_MEMORY,
                    Duration.ofMillis(500),
                    -1,
                    false)));
      }
      Map<String, FaultScript.Target> targets = new HashMap<>();
      targets.put("broker", target(broker::stop, broker::kill, broker::start));
      targets.put(
          "influxd",
          target(influxd.server()::stop, influxd.server()::kill, influxd.server()::start));
      targets.put("link", target(link::cut, link::cut, link::restore));
      for (String name : List.of("gateway-a", "gateway-b")) {
        targets.put(
            name,
            target(
                () -> gateways.get(name).stop(false),
                () -> gateways.get(name).stop(true),
                () -> gateways.get(name).start()));
      }
      Future<?> chaos =
          players.submit(
              () -> {
                FaultScript.parse(FAULTS).run(targets);
                return null;
              });
      List<Future<DeviceReplay.Stats>> plays = new ArrayList<>();
      for (int i = 0; i < devices.size(); i++) {
        SimulatedDevice device = devices.get(i);
        String patient = String.format("P-%04X", 0x7F00 + i);
        plays.add(players.submit(() -> device.play(trace, 1.0, patient)));
      }
      for (Future<DeviceReplay.Stats> play : plays) {
        assertEquals(
            0, play.get(120, TimeUnit.SECONDS).skipped(), "every row was written to the ports");
      }
      chaos.get(60, TimeUnit.SECONDS);
      long start = System.nanoTime();

      awaitAllComplete(devices, gateways);
      for (SimulatedDevice device : devices) {
        DeviceAgent agent = device.agent();
        await().atMost(Duration.ofSeconds(60)).until(device::journalReceipted);
        assertTrue(agent.publisher().receiptsRequired(), agent.publisher().receiptStatus());
      }
      double settledSeconds = (System.nanoTime() - start) / 1e9;

      Map<String, Map<String, double[]>> stored = storedByDeviceAndChannel();
      assertEquals(DEVICES, stored.size(), "every device stored samples: " + stored.keySet());
      for (SimulatedDevice device : devices) {
        Map<String, double[]> channels = stored.get(device.deviceId());
        for (String channel : List.of("loadLeftKg", "loadRightKg", "heartRate", "spo2")) {
          double[] countAndSum = channels.get(channel);
          assertEquals(
              trace.count(channel), (long) countAndSum[0], device.deviceId() + " " + channel);
          assertEquals(
              trace.sum(channel), countAndSum[1], 1e-6, device.deviceId() + " " + channel + " sum");
        }
        // Tilt is averaged on the device, 50 Hz to 10 Hz windows of its own clock: on two busy
        // cores the window count strays from the trace's, so it is held to what the agent
        // recorded, exactly.
        long tiltRecorded = device.agent().samplesRecorded().getOrDefault("tiltDeg", 0L);
        double tiltWindows = trace.count("tiltDeg") / 5.0; // 50 Hz averaged to 10 Hz
        assertTrue(
            Math.abs(tiltRecorded - tiltWindows) <= tiltWindows * 0.1,
            device.deviceId() + " recorded " + tiltRecorded + " tilt windows ~ " + tiltWindows);
        assertEquals(
            tiltRecorded,
            (long) channels.get("tiltDeg")[0],
            device.deviceId() + " tilt windows stored against recorded");
      }
      JsonNode completeness =
          rows("SELECT received, expected, missing, complete FROM session_completeness");
      assertEquals(DEVICES, completeness.size(), "one completeness point per session");
      long resent = 0;
      for (JsonNode row : completeness) {
        assertEquals(row.get(2).asLong(), row.get(1).asLong(), "received = expected: " + row);
        assertEquals(0, row.get(3).asLong(), "nothing missing: " + row);
        assertTrue(row.get(4).asBoolean(), "complete: " + row);
      }
      for (SimulatedDevice device : devices) {
        resent += device.agent().publisher().receiptStats().resent.sum();
      }
      System.out.printf(
          "scale-out chaos on %s: 3 gateways in a shared group, %d devices, %d samples each"
              + " stored once (3 broker restarts, 2 gateway kills, influxd stopped 20 s, one link"
              + " cut 30 s); %d sessions complete, every journal receipted %.0f s after the"
              + " trace; %d records resent in all%n",
          brokerName, DEVICES, trace.sampleCount(), completeness.size(), settledSeconds, resent);
    } finally {
      for (SimulatedDevice device : devices) {
        device.close();
      }
      players.shutdownNow();
      players.awaitTermination(30, TimeUnit.SECONDS); // the fault script may be starting one
      for (Supervised gateway : gateways.values()) {
        gateway.stop(false);
      }
    }
  }

  private void awaitAllComplete(List<SimulatedDevice> devices, Map<String, Supervised> gateways)
      throws IOException {
    try {
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .until(
              () ->
                  rows("SELECT missing FROM session_completeness WHERE complete = true").size()
                      == DEVICES);
    } catch (ConditionTimeoutException e) {
      StringBuilder journals = new StringBuilder();
      for (SimulatedDevice device : devices) {
        journals
            .append('\n')
            .append(device.deviceId())
            .append(": ")
            .append(device.agent().status().journal())
            .append(", ")
            .append(device.agent().publisher().receiptStatus());
        var receipts = device.agent().publisher().receiptStats();
        journals.append(
            String.format(
                "; receipted %d, dead-lettered %d, resent %d, asked again %d, answered lost %d",
                receipts.receipted.sum(),
                receipts.deadLettered.sum(),
                receipts.resent.sum(),
                receipts.resendRequested.sum(),
                receipts.answeredLost.sum()));
      }
      StringBuilder samples = new StringBuilder();
      storedByDeviceAndChannel()
          .forEach(
              (device, channels) ->
                  channels.forEach(
                      (channel, countAndSum) -> {
                        if (channel.equals("loadLeftKg")) {
                          samples.append(String.format(" %s:%.0f", device, countAndSum[0]));
                        }
                      }));
      StringBuilder logs = new StringBuilder();
      Path kept = Files.createDirectories(Path.of("target", "scale-out-chaos"));
      for (String name : gateways.keySet()) {
        String log = Files.readString(dir.resolve(name).resolve("gateway.log"));
        Files.writeString(kept.resolve(name + ".log"), log); // the whole log, for the post-mortem
        logs.append("\n--- ")
            .append(name)
            .append(" (tail) ---\n")
            .append(log.substring(Math.max(0, log.length() - 2000)));
      }
      StringBuilder seqs = new StringBuilder();
      for (JsonNode row :
          rows("SELECT session, gaps FROM session_completeness WHERE complete = false")) {
        String session = row.get(1).asText();
        seqs.append('\n').append(session).append(" gaps ").append(row.get(2).asText());
        for (String measurement : List.of("batch", "session_event", "alarm", "session_summary")) {
          seqs.append("\n  ")
              .append(measurement)
              .append(": ")
              .append(
                  influxd
                      .server()
                      .query(
                          "rehab",
                          "SELECT * FROM " + measurement + " WHERE session = '" + session + "'"));
        }
      }
      throw new AssertionError(
          "not every session complete; stored seqs of the incomplete:"
              + seqs
              + "\ncompleteness: "
              + influxd.server().query("rehab", "SELECT * FROM session_completeness")
              + "\nloadLeftKg samples stored per device:"
              + samples
              + "\njournals:"
              + journals
              + logs,
          e);
    }
  }

  /** device → channel → {count, sum} of the stored samples. */
  private Map<String, Map<String, double[]>> storedByDeviceAndChannel() throws IOException {
    JsonNode series =
        json.readTree(
                influxd
                    .server()
                    .query(
                        "rehab",
                        "SELECT count(value), sum(value) FROM sample GROUP BY device, channel"))
            .path("results")
            .get(0)
            .path("series");
    Map<String, Map<String, double[]>> stored = new HashMap<>();
    for (JsonNode one : series) {
      JsonNode values = one.path("values").get(0);
      stored
          .computeIfAbsent(one.path("tags").path("device").asText(), d -> new HashMap<>())
          .put(
              one.path("tags").path("channel").asText(),
              new double[] {values.get(1).asDouble(), values.get(2).asDouble()});
    }
    return stored;
  }

  private JsonNode rows(String query) throws IOException {
    JsonNode series =
        json.readTree(influxd.server().query("rehab", query)).path("results").get(0).path("series");
    return series.isMissingNode() || series.isEmpty()
        ? json.createArrayNode()
        : series.get(0).path("values");
  }

  private Process startGateway(String name, String brokerUri) throws IOException {
    Path home = Files.createDirectories(dir.resolve(name));
    Path config = home.resolve("gateway.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "mqtt: {uri: \"" + brokerUri + "\", clientId: " + name + ", shareGroup: gateways}",
            "ingest: {retryInitialMs: 100, retryMaxMs: 1000}",
            "storage: {kind: influxdb-v1, url: \""
                + influxd.server().url()
                + "\", database: rehab}",
            "stateDir: \"" + home.resolve("state") + "\"",
            "http: {port: 0}",
            ""));
    return JavaMains.start(
        GatewayCli.class,
        home.resolve("gateway.log"),
        List.of("-Xmx256m"),
        "run",
        "--config",
        config.toString());
  }

  private void awaitRunning(String name) {
    Path log = dir.resolve(name).resolve("gateway.log");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> Files.exists(log) && Files.readString(log).contains("running"));
  }

  /**
   * A gateway as systemd runs it ({@code Restart=on-failure}, {@code RestartSec=2} in the package's
   * unit): one that exits with a failure on its own, e.g. it could not reach the broker at start
   * while the broker was down, is started again 2 s later. One stopped or killed by the fault
   * script stays down until the script starts it.
   */
  private static final class Supervised {
    private final String name;
    private final Callable<Process> launch;
    private volatile boolean wanted;
    private volatile Process process;
    private Thread keeper;

    Supervised(String name, Callable<Process> launch) {
      this.name = name;
      this.launch = launch;
    }

    synchronized void start() throws InterruptedException {
      if (keeper != null) {
        keeper.join();
      }
      wanted = true;
      keeper = new Thread(this::keep, "supervise-" + name);
      keeper.start();
    }

    private void keep() {
      try {
        while (wanted) {
          Process started = launch.call();
          process = started;
          if (!wanted) { // stopped while it was being launched
            started.destroyForcibly().waitFor();
            return;
          }
          int exit = started.waitFor();
          if (!wanted || exit == 0) {
            return;
          }
          Thread.sleep(2_000);
        }
      } catch (Exception e) {
        throw new IllegalStateException(name + " could not be started", e);
      }
    }

    /** Stops it (SIGTERM, or SIGKILL when {@code kill}) and waits until it is gone. */
    synchronized void stop(boolean kill) throws InterruptedException {
      wanted = false;
      Process running = process;
      if (running != null) {
        if (kill) {
          running.destroyForcibly();
        } else {
          running.destroy();
        }
        if (!running.waitFor(10, TimeUnit.SECONDS)) {
          running.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGTERM ignored: SIGKILL
        }
      }
      if (keeper != null) {
        keeper.join(15_000);
      }
    }
  }

  private interface Action {
    void run() throws Exception;
  }

  private static FaultScript.Target target(Action stop, Action kill, Action start) {
    return new FaultScript.Target() {
      @Override
      public void stop() throws Exception {
        stop.run();
      }

      @Override
      public void kill() throws Exception {
        kill.run();
      }

      @Override
      public void start() throws Exception {
        start.run();
      }
    };
  }
}
