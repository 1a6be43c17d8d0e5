package org.rehabtelemetry.packaging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.config.ConfigFiles;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.hardware.profile.DeviceProfiles;
import org.rehabtelemetry.hardware.profile.ProfileOverlay;
import org.rehabtelemetry.hardware.trace.Trace;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.MessageCodec;
import org.rehabtelemetry.protocol.SessionSummary;
import org.rehabtelemetry.simulator.model.TraceLibrary;
import org.rehabtelemetry.simulator.profile.SimulatedProfile;
import org.rehabtelemetry.simulator.replay.DeviceReplay;
import org.rehabtelemetry.simulator.replay.PtySerialFeed;
import org.rehabtelemetry.testsupport.FreePort;
import org.rehabtelemetry.testsupport.MosquittoExtension;

/**
 * The agent package as installed: unpacked into a temporary root, its jar run with its own packaged
 * configuration (only the paths, the broker and the ports changed, as an installer edits them) on a
 * real Mosquitto, with a serial-only profile whose sensor hub and oximeter are socat ptys that the
 * simulator feeds, with the packaged unit's JVM options and the class archive the package's
 * make-class-archive makes ({@code -Xshare:on}: the JVM would not start without mapping it). A
 * session started and stopped with the packaged command line arrives complete: every seq from the
 * started event to the summary.
 */
class AgentPackageIT {
  @RegisterExtension final MosquittoExtension mosquitto = new MosquittoExtension();
  @TempDir Path dir;

  @Test
  void theInstalledAgent_recordsASessionStartedWithItsCommandLine() throws Exception {
    Path root = dir.resolve("root");
    Debs.ok("dpkg-deb", "-x", Debs.deb("agent").toString(), root.toString());
    Path jar = root.resolve("usr/share/rehab-telemetry/device-agent.jar");
    String packagedConfig = Files.readString(root.resolve("etc/rehab-telemetry/agent.yaml"), UTF_8);

    try (PtySerialFeed hub = new PtySerialFeed("sensorHub");
        PtySerialFeed oximeter = new PtySerialFeed("oximeter")) {
      Path profile = serialOnlyProfile(hub.devicePort(), oximeter.devicePort());
      int uiPort = FreePort.pick();
      Path config = dir.resolve("agent.yaml");
      Files.writeString(
          config,
          packagedConfig
              .replace("profile: builtin:verticalizer", "profile: \"" + profile + "\"")
              .replace(
                  "stateDir: /var/lib/rehab-telemetry/agent",
                  "stateDir: \"" + dir.resolve("state") + "\"")
              .replace("uri: tcp://127.0.0.1:1883", "uri: \"" + mosquitto.server().uri() + "\"")
              .replace("port: 8088", "port: " + uiPort)
              .replace(
                  "requiredSensors: sensorHub, oximeter, tilt",
                  "requiredSensors: sensorHub, oximeter"),
          UTF_8);
      assertTrue(Files.readString(config).contains(mosquitto.server().uri()), "the broker is set");

      Map<Long, Message> bySeq = new ConcurrentHashMap<>();
      MqttClient listener =
          new MqttClient(mosquitto.server().uri(), "package-it", new MemoryPersistence());
      listener.connect();
      MessageCodec codec = new MessageCodec();
      listener.subscribe(
          "rehab/v1/+/vert-01/#",
          1,
          (topic, m) -> {
            Message message = codec.decode(m.getPayload());
            message.sessionRef().ifPresent(ref -> bySeq.put(ref.seq(), message));
          });

      Path archive = dir.resolve("cache/agent.jsa");
      Debs.Result made = Debs.makeClassArchive(root, archive);
      assertEquals(0, made.exitCode(), made.output());
      List<String> command = new ArrayList<>(List.of(java()));
      command.addAll(Debs.agentJvmOptions(root, dir.resolve("cache/agent-jvm.env")));
      command.addAll(
          List.of("-Xshare:on", "-jar", jar.toString(), "run", "--config", config.toString()));
      Process agent =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("agent.log").toFile())
              .start();
      try {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> Files.readString(dir.resolve("agent.log")).contains("running; control API"));
        await()
            .atMost(Duration.ofSeconds(5))
            .until(
                () ->
                    Files.readString(dir.resolve("agent.log"))
                        .contains("class sharing: the agent's archive " + archive + " is mapped"));
        String api = "127.0.0.1:" + uiPort;
        // The sensors stream first (the session needs them healthy), then the therapist starts
        // the session with the command line while they stream, and stops it before they end.
        Trace trace =
            withoutEvents(TraceLibrary.find("verticalizer-normal").orElseThrow().generate(25));
        DeviceProfile fed = DeviceProfiles.parse("serial-only", Files.readAllBytes(profile));
        java.util.concurrent.Future<DeviceReplay.Stats> replay =
            java.util.concurrent.Executors.newSingleThreadExecutor()
                .submit(() -> new DeviceReplay(trace, fed, hub, oximeter, null, 1.0).play());
        await()
            .atMost(Duration.ofSeconds(15))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> cli(jar, "session", "status", "--api", api).output().contains("\"spo2\""));
        Debs.Result started =
            cli(
                jar,
                "session",
                "start",
                "--patient",
                "P-PKG1",
                "--programme",
                "standing",
                "--api",
                api);
        assertEquals(0, started.exitCode(), started.output());
        Thread.sleep(8_000);
        Debs.Result stopped = cli(jar, "session", "stop", "--api", api);
        assertEquals(0, stopped.exitCode(), stopped.output());
        replay.get(60, TimeUnit.SECONDS);
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> bySeq.values().stream().anyMatch(m -> m instanceof SessionSummary));
      } finally {
        agent.destroy();
        agent.waitFor(20, TimeUnit.SECONDS);
        listener.disconnect();
        listener.close();
      }
      SessionSummary summary =
          bySeq.values().stream()
              .filter(m -> m instanceof SessionSummary)
              .map(m -> (SessionSummary) m)
              .findFirst()
              .orElseThrow();
      List<Long> missing = new ArrayList<>();
      for (long seq = 0; seq <= summary.session().seq(); seq++) {
        if (!bySeq.containsKey(seq)) {
          missing.add(seq);
        }
      }
      assertEquals(List.of(), missing, "every message of the session arrived");
      // The packaged config batches samples once a second: a batch per second of the session.
      long seconds = Duration.between(summary.startedAt(), summary.endedAt()).toSeconds();
      assertTrue(
          seconds >= 7 && summary.session().seq() >= seconds,
          "a batch a second was recorded over " + seconds + " s: " + summary);
      assertTrue(summary.metrics().containsKey("peakHr"), summary.metrics().toString());
      System.out.printf(
          "agent package: %d messages of session %s arrived, summary %s%n",
          summary.session().seq() + 1,
          summary.session().sessionId(),
          new TreeMap<>(summary.metrics()));
    }
  }

  /** The built-in verticalizer on these ptys, without GPIO and with its tilt moved to the hub. */
  private Path serialOnlyProfile(String hubPort, String oximeterPort) throws Exception {
    byte[] builtIn = DeviceProfiles.builtInYaml(DeviceKind.VERTICALIZER);
    JsonNode base = ConfigFiles.readTree("builtin:verticalizer", builtIn);
    ObjectNode overlay = SimulatedProfile.overlay(base, hubPort, oximeterPort);
    ((ObjectNode) overlay.get("wiring")).putNull("gpio");
    JsonNode merged = ProfileOverlay.merge(base, overlay);
    Path file = dir.resolve("serial-only.yaml");
    Files.writeString(
        file,
        new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
            .writeValueAsString(merged),
        UTF_8);
    return file;
  }

  /** The trace's samples without its button presses: the command line drives this session. */
  private static Trace withoutEvents(Trace trace) {
    Trace.Builder out = new Trace.Builder(trace.header());
    for (int i = 0; i < trace.sampleCount(); i++) {
      out.sample(
          trace.timeUs(i), trace.header().channels().get(trace.channel(i)).name(), trace.value(i));
    }
    return out.build();
  }

  private static Debs.Result cli(Path jar, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(java(), "-jar", jar.toString()));
    command.addAll(List.of(args));
    return Debs.run(command);
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
