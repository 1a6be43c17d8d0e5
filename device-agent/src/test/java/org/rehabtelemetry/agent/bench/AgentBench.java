package org.rehabtelemetry.agent.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rehabtelemetry.agent.MockBoardAgentMain;
import org.rehabtelemetry.agent.TestAgentConfigs;
import org.rehabtelemetry.hardware.hub.HubFrame;
import org.rehabtelemetry.hardware.hub.HubFrameWriter;
import org.rehabtelemetry.testsupport.FreePort;
import org.rehabtelemetry.testsupport.MosquittoServer;
import org.rehabtelemetry.testsupport.SocatPtyPair;

/**
 * The device-agent benchmark: the verticalizer at full rates for N minutes (default 5) with the
 * agent in its own JVM, with the JVM options and environment of the packaged systemd unit (read
 * from it, so the figures are the installed agent's). Prints CPU % of one core, RSS and bytes
 * written to storage per hour, each against its target, and the alarm latency (p50, p99, max) from
 * the oximeter line that crosses the limit being written to the serial port to the alarm appearing
 * in the touch UI's event stream. Prints figures; asserts nothing. Run with {@code
 * scripts/bench-agent [minutes]}.
 */
public final class AgentBench {
  private static final Pattern RAISED_HR =
      Pattern.compile(
          "\"alarmId\":\"([^\"]+)\",\"spec\":\\{\"key\":\"HR_HIGH\"[^}]*\\},\"state\":\"RAISED\"");

  /** The packaged unit: its JVM options and environment are what the bench runs the agent with. */
  private static final Path UNIT =
      java.nio.file.Files.exists(Path.of("packaging"))
          ? Path.of("packaging/src/deb/agent/files/rehab-telemetry-agent.service")
          : Path.of("../packaging/src/deb/agent/files/rehab-telemetry-agent.service");

  private AgentBench() {}

  public static void main(String[] args) throws Exception {
    double minutes = args.length > 0 ? Double.parseDouble(args[0]) : 5;
    Path dir = Files.createTempDirectory("rt-agent-bench-");
    try (MosquittoServer broker = new MosquittoServer();
        SocatPtyPair hubPty = new SocatPtyPair();
        SocatPtyPair oxiPty = new SocatPtyPair()) {
      broker.start();
      hubPty.start();
      oxiPty.start();
      int apiPort = FreePort.pick();
      Path config = writeConfig(dir, broker.uri(), hubPty.deviceEnd(), oxiPty.deviceEnd(), apiPort);
      UnitOptions unit = UnitOptions.read(UNIT);
      List<String> jvmOptions =
          ClassArchive.made(unit.jvmOptions(), UNIT.getParent(), shadedJar(), dir);
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions);
      // Experiments only (BENCH_JVM="-XX:NativeMemoryTracking=summary" scripts/bench-agent 1):
      // the figures are the unit's options alone.
      String extra = System.getenv().getOrDefault("BENCH_JVM", "").strip();
      if (!extra.isEmpty()) {
        command.addAll(List.of(extra.split("\\s+")));
      }
      command.addAll(
          List.of("-cp", agentClassPath(), MockBoardAgentMain.class.getName(), config.toString()));
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("agent.log").toFile());
      builder.environment().putAll(unit.environment());
      Process agent = builder.start();
      ScheduledExecutorService feeders = Executors.newScheduledThreadPool(2);
      try (OutputStream hub = Files.newOutputStream(hubPty.peerEnd());
          OutputStream oxi = Files.newOutputStream(oxiPty.peerEnd())) {
        AtomicLong frames = new AtomicLong();
        AtomicLong highSince = new AtomicLong();
        feeders.scheduleAtFixedRate(
            () -> hubFrame(hub, frames.incrementAndGet()), 0, 12_500, TimeUnit.MICROSECONDS);
        long startNanos = System.nanoTime();
        feeders.scheduleAtFixedRate(
            () -> {
              long second = (System.nanoTime() - startNanos) / 1_000_000_000L;
              boolean high = second % 10 >= 5;
              write(oxi, "SPO2=097 HR=" + (high ? "170" : "095") + "\r\n");
              if (high && highSince.get() == 0) {
                highSince.set(System.nanoTime());
              } else if (!high) {
                highSince.set(0);
              }
            },
            0,
            1000,
            TimeUnit.MILLISECONDS);

        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + apiPort;
        waitFor(
            () -> get(http, base + "/api/status").contains("loadLeftKg"), Duration.ofSeconds(30));
        post(
            http,
            base + "/api/session/start",
            "{\"patientCode\":\"P-BENCH\",\"programme\":\"standing\"}");

        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        Map<String, Boolean> seen = new ConcurrentHashMap<>();
        Thread events =
            new Thread(() -> readEvents(http, base, highSince, latencies, seen), "bench-events");
        events.setDaemon(true);
        events.start();

        long cpuStart = cpuNanos(agent);
        long writesStart = writeBytes(agent);
        long wallStart = System.nanoTime();
        long maxRss = 0;
        long end = wallStart + (long) (minutes * 60e9);
        while (System.nanoTime() < end) {
          maxRss = Math.max(maxRss, rssKb(agent));
          Thread.sleep(1000);
        }
        double wallSeconds = (System.nanoTime() - wallStart) / 1e9;
        double cpuPercent = (cpuNanos(agent) - cpuStart) / 1e9 / wallSeconds * 100;
        long written = writeBytes(agent) - writesStart;
        long rss = rssKb(agent);
        String threads = status(agent, "Threads");
        boolean archiveMapped = ClassArchive.mapped(agent, dir);
        String fileMapped = status(agent, "RssFile");
        String anonymous = status(agent, "RssAnon");
        if (extra.contains("NativeMemoryTracking")) {
          Process nmt =
              new ProcessBuilder(
                      Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                      Long.toString(agent.pid()),
                      "VM.native_memory",
                      "summary")
                  .redirectErrorStream(true)
                  .start();
          System.out.println(new String(nmt.getInputStream().readAllBytes()));
        }
        post(http, base + "/api/session/stop", "{\"reason\":\"bench\"}");

        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        double writtenPerHour = written / wallSeconds * 3600;
        System.out.printf(
            "agent bench: verticalizer at full rates for %.1f min, agent JVM as the packaged unit"
                + " runs it:%n  %s %s%n",
            wallSeconds / 60, unit.environment(), String.join(" ", jvmOptions));
        System.out.printf(
            "  class archive              %s%n",
            archiveMapped
                ? "mapped (made by the packaged make-class-archive)"
                : "NOT mapped: the figures are without it");
        System.out.printf("  hub frames sent            %,d (80 Hz, loads + tilt)%n", frames.get());
        System.out.printf(
            "  CPU                        %.1f %% of one core   (target <= 5 %%: %s)%n",
            cpuPercent, cpuPercent <= 5 ? "met" : "NOT met");
        System.out.printf(
            "  RSS                        %.1f MiB max, %.1f MiB at the end   (target <= 80 MiB: %s)%n",
            maxRss / 1024.0, rss / 1024.0, maxRss / 1024.0 <= 80 ? "met" : "NOT met");
        System.out.printf(
            "  written to storage         %.1f MB/hour (%,d bytes in the run; /proc write_bytes)"
                + "   (target <= 50 MB/hour: %s)%n",
            writtenPerHour / 1e6, written, writtenPerHour / 1e6 <= 50 ? "met" : "NOT met");
        System.out.printf(
            "  threads                    %s; RSS anonymous %s, file-backed %s%n",
            threads, anonymous, fileMapped);
        if (sorted.isEmpty()) {
          System.out.println("  alarm latency              no HR_HIGH alarm seen in the UI stream");
        } else {
          System.out.printf(
              "  alarm latency (serial->UI) p50 %d ms, p99 %d ms, max %d ms over %d alarms%n",
              percentile(sorted, 50),
              percentile(sorted, 99),
              sorted.get(sorted.size() - 1),
              sorted.size());
        }
      } finally {
        feeders.shutdownNow();
        agent.destroy();
        agent.waitFor(10, TimeUnit.SECONDS);
        agent.destroyForcibly();
      }
    }
  }

  private static void readEvents(
      HttpClient http,
      String base,
      AtomicLong highSince,
      List<Long> latencies,
      Map<String, Boolean> seen) {
    try {
      HttpResponse<InputStream> response =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/api/events"))
                  .header("Accept", "text/event-stream")
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), UTF_8));
      String line;
      while ((line = lines.readLine()) != null) {
        Matcher raised = RAISED_HR.matcher(line);
        if (raised.find() && seen.putIfAbsent(raised.group(1), true) == null) {
          long since = highSince.get();
          if (since != 0) {
            latencies.add((System.nanoTime() - since) / 1_000_000);
          }
        }
      }
    } catch (Exception e) {
      // the agent stopped
    }
  }

  private static long percentile(List<Long> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static void hubFrame(OutputStream hub, long n) {
    int tilt = (int) (4500 + 1500 * Math.sin(n / 400.0));
    write(
        hub,
        HubFrameWriter.frame(
            HubFrame.TYPE_SAMPLES,
            (int) n & 0xFFFF,
            HubFrameWriter.samples(
                n * 12_500,
                new int[] {1, 2, 3},
                new int[] {11_000 + (int) (n % 500), 13_500 - (int) (n % 400), tilt})));
  }

  private static void write(OutputStream out, String line) {
    write(out, line.getBytes(UTF_8));
  }

  private static void write(OutputStream out, byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (java.io.IOException e) {
      // the pty closed at the end
    }
  }

  private static long cpuNanos(Process process) {
    return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  /**
   * The packaged agent's jar, so every class the unit has is loaded from it as installed (one
   * shaded jar, signatures stripped); then only what the mock board needs from this bench's class
   * path (the device package has no mock plugin): class directories, the hardware module's test jar
   * and Pi4J's mock plugin. Any other jar would be opened, and its index held in heap, while the
   * class loader looks for a test class past it.
   */
  private static String agentClassPath() {
    List<String> path = new ArrayList<>(List.of(shadedJar().toString()));
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (Files.isDirectory(Path.of(entry))
          || (name.startsWith("hardware-") && name.endsWith("-tests.jar"))
          || name.startsWith("pi4j-plugin-mock-")) {
        path.add(entry);
      }
    }
    return String.join(java.io.File.pathSeparator, path);
  }

  private static Path shadedJar() {
    Path moduleDir = Files.exists(Path.of("device-agent")) ? Path.of("device-agent") : Path.of("");
    Path shaded = moduleDir.resolve("target/device-agent.jar").toAbsolutePath();
    if (!Files.exists(shaded)) {
      throw new IllegalStateException(
          "no packaged agent at " + shaded + ": build it first (scripts/bench-agent does)");
    }
    return shaded;
  }

  private static long rssKb(Process process) throws java.io.IOException {
    for (String line :
        Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return 0;
  }

  /** A line of /proc/PID/status, e.g. {@code Threads}. */
  private static String status(Process process, String key) throws java.io.IOException {
    for (String line :
        Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
      if (line.startsWith(key + ":")) {
        return line.substring(key.length() + 1).strip();
      }
    }
    return "?";
  }

  private static long writeBytes(Process process) throws java.io.IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "io"))) {
      if (line.startsWith("write_bytes:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return 0;
  }

  /**
   * The packaged configuration (device-agent/agent.sample.yaml, installed as
   * /etc/rehab-telemetry/agent.yaml) with only what an installer changes: the profile (the bench
   * one, on these ptys), the state directory, the broker and the UI port. So the journal's settings
   * are the shipped ones.
   */
  private static Path writeConfig(Path dir, String broker, Path hub, Path oxi, int apiPort)
      throws java.io.IOException {
    TestAgentConfigs.write(
        dir,
        "verticalizer-bench.yaml",
        Map.of("HUB_PORT", hub, "OXI_PORT", oxi),
        broker,
        apiPort,
        "sensorHub, oximeter");
    Path sample =
        Files.exists(Path.of("device-agent/agent.sample.yaml"))
            ? Path.of("device-agent/agent.sample.yaml")
            : Path.of("agent.sample.yaml");
    String packaged = Files.readString(sample);
    String config =
        replace(
            packaged,
            "profile: builtin:verticalizer",
            "profile: \"" + dir.resolve("verticalizer-bench.yaml") + "\"");
    config =
        replace(
            config,
            "stateDir: /var/lib/rehab-telemetry/agent",
            "stateDir: \"" + dir.resolve("state") + "\"");
    config = replace(config, "uri: tcp://127.0.0.1:1883", "uri: \"" + broker + "\"");
    config = replace(config, "port: 8088", "port: " + apiPort);
    config =
        replace(
            config,
            "requiredSensors: sensorHub, oximeter, tilt",
            "requiredSensors: sensorHub, oximeter");
    Path file = dir.resolve("agent.yaml");
    Files.writeString(file, config);
    return file;
  }

  private static String replace(String text, String from, String to) {
    if (!text.contains(from)) {
      throw new IllegalStateException("the packaged config no longer has: " + from);
    }
    return text.replace(from, to);
  }

  private interface Check {
    boolean ok() throws Exception;
  }

  private static void waitFor(Check check, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (check.ok()) {
          return;
        }
      } catch (Exception e) {
        // not up yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the agent did not come up in " + timeout);
  }

  private static String get(HttpClient http, String url) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static void post(HttpClient http, String url, String body) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          url + " answered " + response.statusCode() + ": " + response.body());
    }
  }
}
