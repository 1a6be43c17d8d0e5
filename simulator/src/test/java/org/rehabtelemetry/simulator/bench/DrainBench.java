package org.rehabtelemetry.simulator.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.rehabtelemetry.agent.journal.DiskJournal;
import org.rehabtelemetry.agent.session.SessionRecorder;
import org.rehabtelemetry.gateway.Gateway;
import org.rehabtelemetry.gateway.testing.TestGateways;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.hardware.profile.DeviceProfiles;
import org.rehabtelemetry.hardware.trace.Trace;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.simulator.replay.SimulatedDevice;
import org.rehabtelemetry.testsupport.InfluxdServer;
import org.rehabtelemetry.testsupport.MosquittoServer;
import org.rehabtelemetry.testsupport.TempDirs;

/**
 * An outage's backlog drained while alarms go on: each of N devices (default 20) comes back after M
 * minutes (default 60) offline with M minutes of verticalizer sessions in its journal (20-minute
 * sessions back to back, recorded by the agent's own {@link SessionRecorder} into its own {@link
 * DiskJournal}, 500 ms batches, as the agent records them). Then the real agents start, connect to
 * Mosquitto and drain into the gateway and influxd, while the bench presses one device's emergency
 * stop (Pi4J's mock GPIO) every {@code alarmEveryMs} (default 1,000) and times each e-stop alarm
 * from its raising on the device to its arrival at the dashboard's event stream (a logged-in SSE
 * client, as the operator's browser). The agents wait 30 s for a receipt and the broker is sized,
 * as in production.
 *
 * <p>Prints, from the same run: the backlog, the time until every journal is fully receipted
 * (stored and acknowledged), the drain speed as a multiple of real time, the samples stored against
 * those recorded, and the alarm latency p50/p99/max against the 1 s target. Figures only; asserts
 * nothing. Run with {@code scripts/bench-drain [devices] [minutes] [alarmEveryMs]}.
 */
public final class DrainBench {

  private DrainBench() {}

  public static void main(String[] args) throws Exception {
    int devices = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    int alarmEveryMs = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
    Path dir = TempDirs.create("rt-drain-bench-"); // gigabytes of journals: removed at the end
    try {
      run(devices, minutes, alarmEveryMs, dir);
    } finally {
      TempDirs.deleteRecursively(dir);
    }
  }

  private static void run(int devices, int minutes, int alarmEveryMs, Path dir) throws Exception {
    ObjectMapper json = new ObjectMapper();
    DeviceProfile profile = DeviceProfiles.builtIn(DeviceKind.VERTICALIZER);
    Trace trace = JournalBacklog.trace(minutes);

    long prefillStart = System.nanoTime();
    long records = 0;
    long[] backlogEnd = new long[devices];
    for (int d = 0; d < devices; d++) {
      backlogEnd[d] =
          JournalBacklog.prefill(
              dir.resolve(JournalBacklog.deviceId(d)), profile, trace, minutes, d);
      records += backlogEnd[d];
    }
    System.out.printf(
        "backlog: %d devices x %d min offline = %,d journaled records (written in %.0f s)%n",
        devices, minutes, records, (System.nanoTime() - prefillStart) / 1e9);

    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    Set<String> seen = ConcurrentHashMap.newKeySet();
    // The production broker's sizing (deploy/mosquitto/rehab-telemetry.conf). With Mosquitto's
    // default max_queued_messages (1000) the gateway's queue overflows at 20 devices x 64 records
    // waiting for receipts, Mosquitto drops messages, alarms among them, and only the devices'
    // resends after the receipt timeout (30 s) bring them back.
    try (MosquittoServer broker =
            new MosquittoServer(
                List.of(
                    "max_inflight_messages 1000",
                    "max_queued_messages 500000",
                    "max_queued_bytes 1073741824"));
        InfluxdServer influxd = new InfluxdServer()) {
      broker.start();
      influxd.start();
      influxd.createDatabase("rehab");
      try (Gateway gateway =
          TestGateways.start(
              dir.resolve("gateway"),
              broker.uri(),
              "gateway-drain-bench",
              null,
              TestGateways.influxd(influxd.url()))) {
        watchAlarms(gateway, json, latencies, seen);
        List<SimulatedDevice> agents = new ArrayList<>();
        long drainStart = System.nanoTime();
        try {
          for (int d = 0; d < devices; d++) {
            agents.add(
                SimulatedDevice.start(
                    new SimulatedDevice.Options(
                        DeviceKind.VERTICALIZER,
                        JournalBacklog.deviceId(d),
                        "ward-b",
                        broker.uri(),
                        dir.resolve(JournalBacklog.deviceId(d)),
                        SimulatedDevice.SerialMode.IN_MEMORY,
                        Duration.ofMillis(500),
                        -1,
                        false,
                        "",
                        org.rehabtelemetry.agent.publish.ReceiptSettings.Mode.REQUIRED,
                        "maxMegabytes: 1024",
                        Duration.ofSeconds(30))));
          }
          long pressed = 0;
          long drained = -1;
          long nextReport = System.nanoTime() + 10_000_000_000L;
          int next = 0;
          while (drained < 0) {
            SimulatedDevice device = agents.get(next++ % agents.size());
            device.pressEmergencyStop(Duration.ofMillis(100));
            pressed++;
            Thread.sleep(Math.max(0, alarmEveryMs - 100));
            device.resetEmergencyStop();
            if (backlogReceipted(agents, backlogEnd)) {
              drained = System.nanoTime() - drainStart;
            }
            if (System.nanoTime() > nextReport) {
              nextReport += 10_000_000_000L;
              long waiting = 0;
              for (int d = 0; d < agents.size(); d++) {
                waiting +=
                    Math.max(
                        0, backlogEnd[d] - agents.get(d).agent().journal().stats().sentFrontier());
              }
              System.out.printf(
                  "  ... %.0f s: %,d backlog records not yet receipted, %d alarms so far%n",
                  (System.nanoTime() - drainStart) / 1e9, waiting, latencies.size());
            }
            if (System.nanoTime() - drainStart > Duration.ofMinutes(30).toNanos()) {
              System.out.println("not drained in 30 minutes; stopping");
              break;
            }
          }
          long shown = pressed;
          try {
            // the last alarms' way to the screen
            await().atMost(Duration.ofSeconds(5)).until(() -> latencies.size() >= shown);
          } catch (ConditionTimeoutException e) {
            // some never came: print says how many were shown
          }
          double stored = number(json, influxd, "SELECT count(value) FROM sample");
          double complete =
              number(
                  json,
                  influxd,
                  "SELECT count(complete) FROM session_completeness WHERE complete = true");
          double sessions = number(json, influxd, "SELECT count(seq) FROM session_summary");
          if (drained > 0) {
            double seconds = drained / 1e9;
            System.out.printf(
                "drained: every journal receipted %.1f s after the agents started: %.0fx real time"
                    + " (%,.0f samples stored, %,.0f samples/s); sessions complete %.0f of %.0f%n",
                seconds, minutes * 60 / seconds, stored, stored / seconds, complete, sessions);
          }
          print(latencies, pressed);
        } finally {
          for (SimulatedDevice agent : agents) {
            agent.close();
          }
        }
      }
    }
  }

  /** Whether every device's backlog (not the alarms made since) is stored and receipted. */
  private static boolean backlogReceipted(List<SimulatedDevice> agents, long[] backlogEnd) {
    for (int d = 0; d < agents.size(); d++) {
      if (agents.get(d).agent().journal().stats().sentFrontier() < backlogEnd[d]) {
        return false;
      }
    }
    return true;
  }

  /** Logs in as the operator and times each alarm from its raising to its arrival on the stream. */
  private static void watchAlarms(
      Gateway gateway, ObjectMapper json, List<Long> latencies, Set<String> seen) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String cookie = TestGateways.login(http, gateway, "op1");
    HttpResponse<Stream<String>> stream = TestGateways.liveStream(http, gateway, cookie, "");
    URI alarmList = URI.create("http://" + gateway.httpAddress() + "/api/alarms");
    Thread reader =
        new Thread(
            () -> {
              String event = null;
              for (String line : (Iterable<String>) stream.body()::iterator) {
                long now = System.currentTimeMillis();
                if (line.startsWith("event: ")) {
                  event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                  try {
                    if ("alarm".equals(event)) {
                      note(json.readTree(line.substring(6)), now, latencies, seen);
                    } else if ("overflow".equals(event)) {
                      // The browser missed events: the dashboard reloads the alarm list, so do so.
                      OVERFLOWS.incrementAndGet();
                      JsonNode all =
                          json.readTree(
                              http.send(
                                      HttpRequest.newBuilder(alarmList)
                                          .header("Cookie", cookie)
                                          .build(),
                                      HttpResponse.BodyHandlers.ofString())
                                  .body());
                      long loaded = System.currentTimeMillis();
                      for (JsonNode alarm : all) {
                        note(alarm, loaded, latencies, seen);
                      }
                    }
                  } catch (java.io.IOException | RuntimeException e) {
                    System.err.println("unreadable " + event + " event: " + e.getMessage());
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                }
              }
            },
            "sse-reader");
    reader.setDaemon(true);
    reader.start();
  }

  private static final AtomicLong OVERFLOWS = new AtomicLong();

  /** Times an e-stop alarm the screen shows for the first time. */
  private static void note(JsonNode alarm, long shownAt, List<Long> latencies, Set<String> seen) {
    String id = alarm.path("alarmId").asText();
    if ("ESTOP".equals(alarm.path("code").asText()) && seen.add(id)) {
      JsonNode at = alarm.path("raisedAt");
      long raised =
          at.isNumber()
              ? Math.round(at.asDouble() * 1000) // seconds.nanos
              : Instant.parse(at.asText()).toEpochMilli();
      latencies.add(shownAt - raised);
    }
  }

  private static void print(List<Long> millis, long pressed) {
    List<Long> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    if (sorted.isEmpty()) {
      System.out.printf("alarm to dashboard during the drain: %d pressed, none arrived%n", pressed);
      return;
    }
    long p50 = sorted.get((int) Math.ceil(0.50 * sorted.size()) - 1);
    long p99 = sorted.get((int) Math.ceil(0.99 * sorted.size()) - 1);
    long max = sorted.get(sorted.size() - 1);
    System.out.printf(
        "alarm to dashboard during the drain: %d e-stops pressed, %d shown; p50=%d ms p99=%d ms"
            + " max=%d ms; target p99 <= 1000 ms: %s (ratio %.2f); the event stream overflowed"
            + " %d times (then the alarm list is reloaded, as the dashboard does)%n",
        pressed,
        sorted.size(),
        p50,
        p99,
        max,
        p99 <= 1000 ? "met" : "NOT met",
        p99 / 1000.0,
        OVERFLOWS.get());
  }

  private static double number(ObjectMapper json, InfluxdServer influxd, String query)
      throws Exception {
    JsonNode series = json.readTree(influxd.query("rehab", query)).path("results").get(0);
    JsonNode values = series.path("series").path(0).path("values").path(0);
    return values.isMissingNode() ? 0 : values.get(1).asDouble();
  }
}
