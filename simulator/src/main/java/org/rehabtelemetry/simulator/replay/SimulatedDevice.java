package org.rehabtelemetry.simulator.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.rehabtelemetry.agent.DeviceAgent;
import org.rehabtelemetry.agent.config.AgentConfig;
import org.rehabtelemetry.agent.config.AgentConfigLoader;
import org.rehabtelemetry.agent.control.SessionSetup;
import org.rehabtelemetry.agent.journal.JournalStats;
import org.rehabtelemetry.agent.mqtt.PahoTransport;
import org.rehabtelemetry.agent.publish.ReceiptSettings;
import org.rehabtelemetry.agent.ui.ControlApi;
import org.rehabtelemetry.hardware.pi4j.MockBoardPorts;
import org.rehabtelemetry.hardware.pi4j.MockPi4j;
import org.rehabtelemetry.hardware.port.MonotonicClock;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.hardware.profile.Wiring;
import org.rehabtelemetry.hardware.trace.Trace;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.simulator.model.TraceLibrary;
import org.rehabtelemetry.simulator.profile.SimulatedProfile;

/**
 * One device on simulated hardware: the real agent with its real drivers, on Pi4J's mock GPIO and
 * simulated serial ports (socat ptys read through jssc, or in memory), publishing to a broker. The
 * simulator plays traces into it.
 *
 * <p>The profile is the kind's built-in one with the simulator's overlay ({@link
 * SimulatedProfile}): any kind with a built-in profile runs, a new one included. No sensor is
 * required to start a session, so a session can start before the sensors stream and every sample of
 * a trace falls inside it. Start, play and close from one thread.
 */
public final class SimulatedDevice implements AutoCloseable {
  /** How the serial ports are simulated. */
  public enum SerialMode {
    /** socat pseudo-terminals, opened by the agent with jssc (needs socat). */
    PTY,
    /** In-memory links: no socat needed; the drivers are the same, jssc is left out. */
    IN_MEMORY
  }

  /**
   * How to run the device.
   *
   * @param kind its kind
   * @param deviceId its id on the wire
   * @param site its site
   * @param brokerUri where it publishes
   * @param dir its state (journal) and generated config
   * @param serial how serial ports are simulated
   * @param batchInterval the agent's batch interval
   * @param uiPort the touch UI's loopback port; -1 for none, 0 for any free one
   * @param recordTraces whether the agent records each session into {@code dir/state/traces}
   * @param mqttKeys more keys of the agent's {@code mqtt} section as YAML flow-map entries (user,
   *     password file, CA, certificate and key), or empty for a broker without credentials
   * @param receipts how the agent frees journaled records: {@code required} (the default here, with
   *     a 2 s receipt timeout, so every simulated run exercises receipts and resends) or {@code
   *     ignore}
   * @param journalKeys more keys of the agent's {@code journal} section as YAML flow-map entries
   *     (e.g. {@code maxMegabytes: 1, segmentBytes: 16384} for a journal that evicts soon), or
   *     empty
   * @param receiptTimeout the agent's {@code receipts.timeoutMs}: 2 s in tests, so a lost message
   *     is sent again soon; the production default (30 s) for a benchmark of a long drain
   */
  public record Options(
      DeviceKind kind,
      String deviceId,
      String site,
      String brokerUri,
      Path dir,
      SerialMode serial,
      Duration batchInterval,
      int uiPort,
      boolean recordTraces,
      String mqttKeys,
      ReceiptSettings.Mode receipts,
      String journalKeys,
      Duration receiptTimeout) {

    /** Options with a 2 s receipt timeout. */
    public Options(
        DeviceKind kind,
        String deviceId,
        String site,
        String brokerUri,
        Path dir,
        SerialMode serial,
        Duration batchInterval,
        int uiPort,
        boolean recordTraces,
        String mqttKeys,
        ReceiptSettings.Mode receipts,
        String journalKeys) {
      this(
          kind,
          deviceId,
          site,
          brokerUri,
          dir,
          serial,
          batchInterval,
          uiPort,
          recordTraces,
          mqttKeys,
          receipts,
          journalKeys,
          Duration.ofSeconds(2));
    }

    /** Options with the agent's default journal bounds. */
    public Options(
        DeviceKind kind,
        String deviceId,
        String site,
        String brokerUri,
        Path dir,
        SerialMode serial,
        Duration batchInterval,
        int uiPort,
        boolean recordTraces,
        String mqttKeys,
        ReceiptSettings.Mode receipts) {
      this(
          kind,
          deviceId,
          site,
          brokerUri,
          dir,
          serial,
          batchInterval,
          uiPort,
          recordTraces,
          mqttKeys,
          receipts,
          "");
    }

    /** Options that wait for storage receipts. */
    public Options(
        DeviceKind kind,
        String deviceId,
        String site,
        String brokerUri,
        Path dir,
        SerialMode serial,
        Duration batchInterval,
        int uiPort,
        boolean recordTraces,
        String mqttKeys) {
      this(
          kind,
          deviceId,
          site,
          brokerUri,
          dir,
          serial,
          batchInterval,
          uiPort,
          recordTraces,
          mqttKeys,
          ReceiptSettings.Mode.REQUIRED);
    }

    /** Options for a broker that asks for no credentials. */
    public Options(
        DeviceKind kind,
        String deviceId,
        String site,
        String brokerUri,
        Path dir,
        SerialMode serial,
        Duration batchInterval,
        int uiPort,
        boolean recordTraces) {
      this(kind, deviceId, site, brokerUri, dir, serial, batchInterval, uiPort, recordTraces, "");
    }
  }

  private final Options options;
  private final DeviceAgent agent;
  private final SerialFeed hub;
  private final SerialFeed oximeter;
  private final MockBoardPorts board;
  private final ControlApi ui;
  private DeviceReplay replay;

  private SimulatedDevice(
      Options options,
      DeviceAgent agent,
      SerialFeed hub,
      SerialFeed oximeter,
      MockBoardPorts board,
      ControlApi ui) {
    this.options = options;
    this.agent = agent;
    this.hub = hub;
    this.oximeter = oximeter;
    this.board = board;
    this.ui = ui;
  }

  /** Makes the ports, writes the agent's config and starts the agent. */
  public static SimulatedDevice start(Options given) throws IOException {
    Options options =
        new Options(
            given.kind(),
            given.deviceId(),
            given.site(),
            given.brokerUri(),
            given.dir().toAbsolutePath(),
            given.serial(),
            given.batchInterval(),
            given.uiPort(),
            given.recordTraces(),
            given.mqttKeys(),
            given.receipts(),
            given.journalKeys(),
            given.receiptTimeout());
    Files.createDirectories(options.dir());
    String kind = options.kind().wireName();
    SerialFeed hub = null;
    SerialFeed oximeter = null;
    Map<String, InMemorySerialFeed> inMemory = new HashMap<>();
    try {
      if (SimulatedProfile.needsHub(options.kind())) {
        hub = feed(options, "sensorHub", inMemory);
      }
      if (SimulatedProfile.needsOximeter(options.kind())) {
        oximeter = feed(options, "oximeter", inMemory);
      }
      Path profile = options.dir().resolve(kind + ".yaml");
      Files.writeString(
          profile,
          SimulatedProfile.yaml(
              options.kind(),
              hub == null ? "/dev/simulated/none" : hub.devicePort(),
              oximeter == null ? "/dev/simulated/none" : oximeter.devicePort()),
          StandardCharsets.UTF_8);
      String yaml =
          String.join(
              "\n",
              "# written by the simulator",
              "device: {id: "
                  + options.deviceId()
                  + ", site: "
                  + options.site()
                  + ", profile: \""
                  + profile
                  + "\"}",
              "stateDir: \"" + options.dir().resolve("state") + "\"",
              "journal: {commitIntervalMs: 100"
                  + (options.journalKeys().isEmpty() ? "" : ", " + options.journalKeys())
                  + "}",
              "mqtt: {uri: \""
                  + options.brokerUri()
                  + "\", clientId: agent-"
                  + options.deviceId()
                  + ", reconnectInitialMs: 200, reconnectMaxMs: 2000"
                  + (options.mqttKeys().isEmpty() ? "" : ", " + options.mqttKeys())
                  + "}",
              "session: {batchIntervalMs: "
                  + options.batchInterval().toMillis()
                  + ", requiredSensors: \"\", recordTraces: "
                  + options.recordTraces()
                  + "}",
              "receipts: {mode: "
                  + options.receipts().name().toLowerCase(Locale.ROOT)
                  + ", timeoutMs: "
                  + options.receiptTimeout().toMillis()
                  + "}",
              "ui: {port: " + Math.max(0, options.uiPort()) + "}",
              "");
      Path configFile = options.dir().resolve("agent.yaml");
      Files.writeString(configFile, yaml, StandardCharsets.UTF_8);
      AgentConfig config =
          AgentConfigLoader.parse(
              configFile.toString(), yaml.getBytes(StandardCharsets.UTF_8), options.dir());
      MockBoardPorts board = new MockBoardPorts(MockPi4j.context());
      DeviceAgent agent =
          new DeviceAgent(
              config,
              Clock.systemUTC(),
              MonotonicClock.SYSTEM,
              () -> true,
              new SimulatedPorts(board, inMemory));
      agent.start(new PahoTransport(config.mqtt()));
      ControlApi ui = null;
      if (options.uiPort() >= 0) {
        ui = new ControlApi(agent, "127.0.0.1", options.uiPort());
      }
      return new SimulatedDevice(options, agent, hub, oximeter, board, ui);
    } catch (IOException | RuntimeException e) {
      if (hub != null) {
        hub.close();
      }
      if (oximeter != null) {
        oximeter.close();
      }
      throw e;
    }
  }

  public DeviceAgent agent() {
    return agent;
  }

  /**
   * Whether everything the agent journaled is confirmed stored: every record sent and none waiting
   * for its storage receipt. One snapshot of the journal's figures.
   */
  public boolean journalReceipted() {
    JournalStats stats = agent.journal().stats();
    return stats.sentFrontier() == stats.lastId() && agent.publisher().awaitingReceipt() == 0;
  }

  public DeviceProfile profile() {
    return agent.profile();
  }

  public String deviceId() {
    return options.deviceId();
  }

  /** The touch UI's address (host:port), or null. */
  public String uiAddress() {
    return ui == null ? null : ui.address();
  }

  /**
   * Arms a session for {@code patientCode} with the profile's first programme, then plays the trace
   * (whose button press starts the session and whose long press stops it). Blocks for the trace.
   */
  public DeviceReplay.Stats play(Trace trace, double speed, String patientCode)
      throws IOException, InterruptedException {
    if (!trace.header().kind().equals(options.kind())) {
      throw new IllegalArgumentException(
          "trace "
              + trace.header().name()
              + " is for a "
              + trace.header().kind().wireName()
              + ", this device is a "
              + options.kind().wireName());
    }
    agent
        .commands()
        .arm(
            new SessionSetup(
                patientCode,
                profile().programmes().get(0).name(),
                TraceLibrary.programmeSettings(options.kind())));
    replay = new DeviceReplay(trace, profile(), hub, oximeter, board, speed);
    return replay.play();
  }

  /**
   * Keeps the sensors streaming the last trace's final values for {@code duration}, as between two
   * sessions. Blocks.
   */
  public void idle(Duration duration) throws IOException, InterruptedException {
    if (replay == null) {
      Thread.sleep(duration.toMillis());
    } else {
      replay.idle(duration);
    }
  }

  /**
   * Presses the emergency stop for {@code hold} and lets it go, as a hand on the red button does:
   * the agent raises its latched e-stop alarm (reset with {@link #resetEmergencyStop()}). Blocks
   * for {@code hold}.
   *
   * @throws IllegalStateException when the profile wires no emergency stop
   */
  public void pressEmergencyStop(Duration hold) throws InterruptedException {
    Wiring.Pin pin =
        profile()
            .wiring()
            .emergencyStop()
            .orElseThrow(
                () -> new IllegalStateException(options.kind().wireName() + " has no e-stop"));
    board.drive(pin.pin(), !pin.activeLow());
    Thread.sleep(hold.toMillis());
    board.drive(pin.pin(), pin.activeLow());
  }

  /** The e-stop's latch is reset, as a therapist does on the device after checking the child. */
  public void resetEmergencyStop() {
    agent.commands().resetEmergencyStop();
  }

  @Override
  public void close() {
    if (ui != null) {
      ui.close();
    }
    agent.close();
    if (hub != null) {
      hub.close();
    }
    if (oximeter != null) {
      oximeter.close();
    }
  }

  private static SerialFeed feed(
      Options options, String name, Map<String, InMemorySerialFeed> inMemory) throws IOException {
    if (options.serial() == SerialMode.PTY) {
      return new PtySerialFeed(name);
    }
    // in-memory: a name shaped like a device path (the profile checks it) that no file backs
    String port = "/dev/simulated/" + options.deviceId() + "/" + name.toLowerCase(Locale.ROOT);
    InMemorySerialFeed feed = new InMemorySerialFeed(name, port);
    inMemory.put(port, feed);
    return feed;
  }
}
