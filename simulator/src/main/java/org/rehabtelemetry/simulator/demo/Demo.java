package org.rehabtelemetry.simulator.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.rehabtelemetry.gateway.Gateway;
import org.rehabtelemetry.gateway.auth.PasswordHash;
import org.rehabtelemetry.gateway.config.GatewayConfigLoader;
import org.rehabtelemetry.gateway.testing.SecureBroker;
import org.rehabtelemetry.hardware.profile.DeviceProfiles;
import org.rehabtelemetry.hardware.trace.Trace;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.simulator.broker.EmbeddedBroker;
import org.rehabtelemetry.simulator.course.CourseMessages;
import org.rehabtelemetry.simulator.course.CoursePublisher;
import org.rehabtelemetry.simulator.course.CourseScript;
import org.rehabtelemetry.simulator.fleet.FleetCredentials;
import org.rehabtelemetry.simulator.model.TraceLibrary;
import org.rehabtelemetry.simulator.replay.SimulatedDevice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system in one process, on simulated hardware: an MQTT broker (embedded Moquette, or an
 * external Mosquitto), the gateway with its store (embedded QuestDB, or an external InfluxDB 1.x)
 * and dashboard, and one agent per built-in device kind (the phyto barrel, a kind added as YAML
 * alone, included). Each agent replays its kind's library traces in a loop, abnormal twins
 * included, so sessions, live values and alarms keep coming. The gateway reads a config file the
 * demo writes ({@code STATE/gateway/gateway.yaml}), as in production. {@link #close} stops
 * everything in reverse order.
 */
public final class Demo implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Demo.class);

  /**
   * The demo's options.
   *
   * @param stateDir where the broker, store, agents and dead letters keep their data
   * @param brokerUri an external broker, or null for the embedded one
   * @param influxUrl an external InfluxDB 1.x, or null for the embedded store
   * @param influxDatabase its database
   * @param httpPort the dashboard's loopback port (0 for any free one)
   * @param sessionSeconds how long each replayed session lasts
   * @param speed replay speed (1 = real time)
   * @param password the operator's password, or null for a random one
   * @param secure run a Mosquitto with the production config (mutual TLS, passwords, the ACL),
   *     accounts from the provisioning command and certificates from {@code scripts/site-ca}, and
   *     the gateway checking enrolment; needs Mosquitto and openssl (scripts/install-deps)
   */
  public record Options(
      Path stateDir,
      String brokerUri,
      String influxUrl,
      String influxDatabase,
      int httpPort,
      double sessionSeconds,
      double speed,
      String password,
      boolean secure) {

    /** Options without security (the embedded broker, or an external one). */
    public Options(
        Path stateDir,
        String brokerUri,
        String influxUrl,
        String influxDatabase,
        int httpPort,
        double sessionSeconds,
        double speed,
        String password) {
      this(
          stateDir,
          brokerUri,
          influxUrl,
          influxDatabase,
          httpPort,
          sessionSeconds,
          speed,
          password,
          false);
    }
  }

  private static final String GATEWAY_ACCOUNT = "demo-gateway";

  private final Options options;
  private final String password;
  private EmbeddedBroker broker;
  private SecureBroker site;
  private Gateway gateway;
  private final List<SimulatedDevice> devices = new ArrayList<>();
  private ExecutorService players;

  public Demo(Options options) {
    this.options = options;
    this.password = options.password() != null ? options.password() : randomPassword();
  }

  /** Starts everything. Blocks for a few seconds (the embedded store takes about 2 s). */
  public void start() throws Exception {
    String brokerUri = options.brokerUri();
    if (options.secure()) {
      site = secureSite();
      brokerUri = site.uri();
    } else if (brokerUri == null) {
      broker = EmbeddedBroker.start(0, options.stateDir().resolve("broker"));
      brokerUri = broker.uri();
    }
    Path gatewayDir = options.stateDir().resolve("gateway");
    gateway =
        Gateway.start(
            GatewayConfigLoader.load(writeGatewayConfig(gatewayDir, brokerUri)), Clock.systemUTC());
    for (DeviceKind kind : DeviceProfiles.builtInKinds()) {
      String id = deviceId(kind);
      devices.add(
          SimulatedDevice.start(
              new SimulatedDevice.Options(
                  kind,
                  id,
                  "ward-b",
                  brokerUri,
                  options.stateDir().resolve("agents").resolve(id),
                  SimulatedDevice.SerialMode.IN_MEMORY,
                  Duration.ofMillis(500),
                  0,
                  false,
                  site == null ? "" : site.mqttKeys(id))));
    }
    players =
        Executors.newFixedThreadPool(
            devices.size(),
            runnable -> {
              Thread thread = new Thread(runnable, "demo-player");
              thread.setDaemon(true);
              return thread;
            });
    // Before the live sessions start, so the gateway's catching up never delays them.
    publishCourse(brokerUri);
    // execute, not submit: loop() logs and retries its own failures, and an Error that escapes it
    // reaches the thread's uncaught-exception handler instead of vanishing in an unread future.
    for (SimulatedDevice device : devices) {
      players.execute(() -> loop(device));
    }
  }

  /**
   * One child's past course ({@link CourseScript#example}: P-0042 on vert-02, 12 sessions over the
   * last 14 days, tolerated tilt 40° to 70°), so the records and reports have content. Blocks until
   * the gateway has stored it (a few seconds; at most a minute); a failure is logged and the demo
   * goes on without it.
   */
  private void publishCourse(String brokerUri) {
    CourseScript script = CourseScript.example(java.time.ZoneId.of("Asia/Almaty"));
    FleetCredentials credentials =
        site == null
            ? null
            : new FleetCredentials(site.provisioning.resolve("issued"), site.ca, site.certs());
    try {
      long sent =
          new CoursePublisher(brokerUri, "ward-b", credentials).publish(script, Clock.systemUTC());
      String last = CourseMessages.sessionId(script, script.sessions() - 1);
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
      while (!gateway.parts().completeness().get(last).map(c -> c.complete()).orElse(false)
          && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      LOG.info(
          "published a past course for {} on {}: {} messages, stored: {}",
          script.patientCode(),
          script.deviceId(),
          sent,
          gateway.parts().completeness().get(last).map(c -> c.complete()).orElse(false));
    } catch (Exception e) {
      LOG.warn("could not publish the example course: {}", e.toString());
    }
  }

  /**
   * A site as docs/security.md sets one up, in {@code stateDir/site}: a CA and certificates, an
   * account per device and one for the gateway, and Mosquitto running the production config.
   */
  private SecureBroker secureSite() throws IOException, InterruptedException {
    Path dir = options.stateDir().resolve("site");
    if (Files.exists(dir)) {
      // Certificates, passwords and the broker are made afresh for each run.
      try (var walk = Files.walk(dir)) {
        for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
    SecureBroker secure = new SecureBroker(dir);
    for (DeviceKind kind : DeviceProfiles.builtInKinds()) {
      String id = deviceId(kind);
      secure.provision(
          "device",
          "--site",
          "ward-b",
          "--kind",
          kind.wireName(),
          "--broker",
          "ssl://localhost",
          id);
      secure.certify(id);
    }
    String course = CourseScript.example(java.time.ZoneOffset.UTC).deviceId();
    secure.provision(
        "device",
        "--site",
        "ward-b",
        "--kind",
        "verticalizer",
        "--broker",
        "ssl://localhost",
        course);
    secure.certify(course);
    secure.provision("gateway", GATEWAY_ACCOUNT);
    secure.certify(GATEWAY_ACCOUNT);
    secure.broker.start();
    return secure;
  }

  private static final Map<DeviceKind, String> IDS =
      Map.of(
          DeviceKind.VERTICALIZER, "vert-01",
          DeviceKind.MOVEMENT_TRAINER, "trainer-01",
          DeviceKind.HYDROTHERAPY, "hydro-01");

  /** vert-01, trainer-01, hydro-01, or KIND-01. */
  static String deviceId(DeviceKind kind) {
    return IDS.getOrDefault(kind, kind.wireName() + "-01");
  }

  /**
   * The gateway's config: the broker (a plain subscription: Moquette has no shared ones), the
   * embedded store or the given InfluxDB 1.x, the dashboard on loopback, one operator account.
   */
  private Path writeGatewayConfig(Path dir, String brokerUri) throws IOException {
    String hash =
        PasswordHash.create(password.toCharArray(), PasswordHash.DEFAULT_ITERATIONS).text();
    String storage =
        options.influxUrl() == null
            ? "storage: {kind: embedded}\n"
            : "storage: {kind: influxdb-v1, url: \""
                + options.influxUrl()
                + "\", database: "
                + options.influxDatabase()
                + "}\n";
    String yaml =
        "# written by the demo\n"
            + "mqtt: {uri: \""
            + brokerUri
            + "\", clientId: "
            + GATEWAY_ACCOUNT
            + ", shareGroup: none"
            + (site == null ? "" : ", " + site.mqttKeys(GATEWAY_ACCOUNT))
            + "}\n"
            + (site == null ? "" : "devices: {enrolmentDir: \"" + site.provisioning + "\"}\n")
            + "ingest: {retryInitialMs: 500, retryMaxMs: 10000}\n"
            + storage
            + "stateDir: .\n"
            + "http: {bind: 127.0.0.1, port: "
            + options.httpPort()
            + "}\n"
            + "dashboard:\n"
            + "  operators:\n"
            + "    - {username: operator, passwordHash: \""
            + hash
            + "\", role: admin}\n";
    Files.createDirectories(dir);
    Path file = dir.resolve("gateway.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }

  /** The dashboard's URL. */
  public String dashboardUrl() {
    return "http://" + gateway.httpAddress() + "/";
  }

  public String password() {
    return password;
  }

  public List<SimulatedDevice> devices() {
    return devices;
  }

  /** What the gateway stores into, for the banner. */
  public String storage() {
    return gateway.storageDescription();
  }

  /** The broker in use, for the banner. */
  public String broker() {
    if (site != null) {
      return "Mosquitto on "
          + site.uri()
          + " with deploy/mosquitto/rehab-telemetry.conf (mutual TLS, passwords, ACL; accounts and"
          + " certificates in "
          + site.dir
          + ")";
    }
    return broker != null ? "embedded Moquette on " + broker.uri() : options.brokerUri();
  }

  /** Plays the kind's traces one after another, forever: normal first, then each twin. */
  private void loop(SimulatedDevice device) {
    List<TraceLibrary.Entry> entries = TraceLibrary.of(device.profile().kind());
    int session = 0;
    while (!Thread.currentThread().isInterrupted()) {
      // Alternate: normal, twin, normal, next twin, ... so the dashboard shows both.
      TraceLibrary.Entry entry =
          session % 2 == 0 || entries.size() == 1
              ? entries.get(0)
              : entries.get(1 + (session / 2) % (entries.size() - 1));
      session++;
      try {
        Trace trace = entry.generate(options.sessionSeconds());
        LOG.info("{} plays {}", device.deviceId(), entry.name());
        device.play(trace, options.speed(), String.format("P-DEMO%03d", session % 1000));
        if (device.agent().commands().estopLatched()) {
          device.idle(Duration.ofSeconds(3));
          device.resetEmergencyStop();
        }
        device.idle(Duration.ofSeconds(4));
      } catch (InterruptedException e) {
        return;
      } catch (IOException | RuntimeException e) {
        LOG.error("{}: replay of {} failed: {}", device.deviceId(), entry.name(), e.toString());
        try {
          Thread.sleep(5_000);
        } catch (InterruptedException stop) {
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    if (players != null) {
      players.shutdownNow();
      try {
        players.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (SimulatedDevice device : devices) {
      device.close();
    }
    if (gateway != null) {
      gateway.close();
    }
    if (broker != null) {
      broker.close();
    }
    if (site != null) {
      site.close();
    }
  }

  private static String randomPassword() {
    String alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
    SecureRandom random = new SecureRandom();
    StringBuilder password = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      password.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return password.toString();
  }
}
