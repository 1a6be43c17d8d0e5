package org.rehabtelemetry.simulator.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.rehabtelemetry.gateway.cli.GatewayCli;
import org.rehabtelemetry.simulator.fleet.Fleet;
import org.rehabtelemetry.testsupport.FreePort;
import org.rehabtelemetry.testsupport.InfluxdServer;
import org.rehabtelemetry.testsupport.JavaMains;
import org.rehabtelemetry.testsupport.MosquittoServer;

/**
 * The soak: {@code SoakRun [simulatedHours] [wallMinutes] [devices]} (default 24 h in 30 minutes,
 * 20 devices) plays a fleet of virtual devices, kinds in turn, at the rates real agents publish,
 * sessions of 20 minutes back to back, at {@code hours × 60 / minutes} times real time, through a
 * private Mosquitto into the gateway (a child JVM, {@code -Xmx256m}) and influxd. The simulated
 * clock starts that many hours ago, so the data ends near now and stays in the gateway's time
 * window.
 *
 * <p>Prints the gateway's heap after a full GC, its threads and its open file descriptors one
 * minute in and at the end (they must be flat), the samples stored against the samples sent, the
 * finished sessions reported complete, and the fleet's lag. Figures only; the verdict is printed,
 * not asserted. Run with {@code scripts/soak}.
 */
public final class SoakRun {
  private SoakRun() {}

  public static void main(String[] args) throws Exception {
    double hours = args.length > 0 ? Double.parseDouble(args[0]) : 24;
    double minutes = args.length > 1 ? Double.parseDouble(args[1]) : 30;
    int devices = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    double speed = hours * 60 / minutes;
    Path dir = Files.createTempDirectory("rt-soak-");
    int port = FreePort.pick();
    try (MosquittoServer broker =
            new MosquittoServer(
                List.of("max_queued_messages 1000000", "max_inflight_messages 1000"));
        InfluxdServer influxd = new InfluxdServer()) {
      broker.start();
      influxd.start();
      influxd.createDatabase("rehab");
      Path config = dir.resolve("gateway.yaml");
      Files.writeString(
          config,
          "mqtt: {uri: \""
              + broker.uri()
              + "\", clientId: gateway-soak}\n"
              + "storage: {kind: influxdb-v1, url: \""
              + influxd.url()
              + "\", database: rehab}\n"
              + "stateDir: state\n"
              + "http: {bind: 127.0.0.1, port: "
              + port
              + "}\n",
          UTF_8);
      Process gateway =
          JavaMains.start(
              GatewayCli.class,
              dir.resolve("gateway.log"),
              List.of("-Xmx256m", "-XX:+UseSerialGC"),
              "run",
              "--config",
              config.toString());
      try {
        awaitHealthy(port);
        System.out.printf(
            "soak: %d devices, %.0f h of sessions in %.0f min (%.0fx), through Mosquitto into"
                + " the gateway (-Xmx256m) and influxd%n",
            devices, hours, minutes, speed);
        Fleet.Result result;
        Footprint first;
        try (Fleet fleet =
            Fleet.atPublishRates(broker.uri(), "ward-b", devices, 1200, speed, 500)) {
          fleet.connect();
          long startUs = (System.currentTimeMillis() - (long) (hours * 3_600_000)) * 1000;
          Fleet.Result warmUp = fleet.run(60, startUs);
          first = Footprint.of(gateway.pid());
          System.out.println("  after 1 min: " + first);
          long resumeUs = startUs + (long) (60 * speed * 1_000_000);
          Fleet.Result rest = fleet.run(minutes * 60 - 60, resumeUs);
          result = rest;
          System.out.printf(
              "  fleet: %,d batches, %,d samples sent, lag p50 %d ms p99 %d ms max %d ms%n",
              warmUp.batches() + rest.batches(),
              rest.samples(),
              rest.lagP50Ms(),
              rest.lagP99Ms(),
              rest.lagMaxMs());
        }
        long sent = result.samples();
        long stored = awaitStored(influxd, sent);
        Footprint last = Footprint.of(gateway.pid());
        System.out.println("  at the end:  " + last);
        System.out.printf(
            "  samples stored %,d of %,d sent (%s)%n",
            stored, sent, stored == sent ? "none lost, none doubled" : "MISMATCH");
        long summaries = count(influxd, "SELECT count(seq) FROM session_summary");
        long complete =
            count(
                influxd, "SELECT count(complete) FROM session_completeness WHERE complete = true");
        System.out.printf("  sessions finished %,d, reported complete %,d%n", summaries, complete);
        System.out.printf(
            "  flat? heap %+.1f MB, threads %+d, open files %+d (end minus 1 min)%n",
            (last.heapUsedKb - first.heapUsedKb) / 1024.0,
            last.threads - first.threads,
            last.fds - first.fds);
        System.out.println("  gateway alive: " + gateway.isAlive());
      } finally {
        gateway.destroy();
        gateway.waitFor(20, TimeUnit.SECONDS);
      }
    }
  }

  private static void awaitHealthy(int port) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      try {
        if (http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return;
        }
      } catch (java.io.IOException e) {
        // not up yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the gateway did not become healthy in 60 s");
  }

  /** Waits (up to 10 minutes) until the stored count reaches {@code sent} or stops growing. */
  private static long awaitStored(InfluxdServer influxd, long sent) throws Exception {
    long stored = -1;
    long previous = -2;
    long deadline = System.nanoTime() + 600_000_000_000L;
    while (System.nanoTime() < deadline && stored < sent) {
      Thread.sleep(5_000);
      previous = stored;
      stored = count(influxd, "SELECT count(value) FROM sample");
      if (stored == previous) {
        break;
      }
    }
    return stored;
  }

  private static long count(InfluxdServer influxd, String query) {
    Matcher value =
        Pattern.compile("\"values\":\\[\\[\"[^\"]+\",([0-9]+)\\]\\]")
            .matcher(influxd.query("rehab", query));
    return value.find() ? Long.parseLong(value.group(1)) : 0;
  }

  /** A process's heap after a full GC, threads and open file descriptors. */
  private record Footprint(long heapUsedKb, int threads, int fds) {
    static Footprint of(long pid) throws Exception {
      Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
      run(jcmd.toString(), Long.toString(pid), "GC.run");
      String info = run(jcmd.toString(), Long.toString(pid), "GC.heap_info");
      Matcher used = Pattern.compile("total \\d+K, used (\\d+)K").matcher(info);
      long usedKb = 0;
      while (used.find()) {
        usedKb += Long.parseLong(used.group(1));
      }
      return new Footprint(
          usedKb,
          count(Path.of("/proc", "" + pid, "task")),
          count(Path.of("/proc", "" + pid, "fd")));
    }

    private static int count(Path dir) throws java.io.IOException {
      try (Stream<Path> entries = Files.list(dir)) {
        return (int) entries.count();
      }
    }

    private static String run(String... command) throws Exception {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), UTF_8);
      process.waitFor(30, TimeUnit.SECONDS);
      return out;
    }

    @Override
    public String toString() {
      return String.format(
          "heap after GC %.1f MB, %d threads, %d open files", heapUsedKb / 1024.0, threads, fds);
    }
  }
}
