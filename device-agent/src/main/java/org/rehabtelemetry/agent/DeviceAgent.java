package org.rehabtelemetry.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.rehabtelemetry.agent.alarm.ActiveAlarm;
import org.rehabtelemetry.agent.alarm.AlarmLog;
import org.rehabtelemetry.agent.alarm.AlarmManager;
import org.rehabtelemetry.agent.alarm.rules.AlarmRules;
import org.rehabtelemetry.agent.alarm.sound.AlarmSounder;
import org.rehabtelemetry.agent.alarm.sound.BuzzerPlayer;
import org.rehabtelemetry.agent.config.AgentConfig;
import org.rehabtelemetry.agent.control.AgentCommands;
import org.rehabtelemetry.agent.journal.DiskFaults;
import org.rehabtelemetry.agent.journal.DiskJournal;
import org.rehabtelemetry.agent.monitor.AgentTicker;
import org.rehabtelemetry.agent.monitor.ClockWatch;
import org.rehabtelemetry.agent.monitor.JournalAlarms;
import org.rehabtelemetry.agent.monitor.LinkWatch;
import org.rehabtelemetry.agent.monitor.ReadingRouter;
import org.rehabtelemetry.agent.monitor.SensorWatch;
import org.rehabtelemetry.agent.monitor.SessionLifecycle;
import org.rehabtelemetry.agent.publish.JournalPublisher;
import org.rehabtelemetry.agent.publish.MqttTransport;
import org.rehabtelemetry.agent.session.SessionRecorder;
import org.rehabtelemetry.agent.session.SessionStore;
import org.rehabtelemetry.agent.session.TraceRecorder;
import org.rehabtelemetry.agent.status.AgentEvents;
import org.rehabtelemetry.agent.status.AgentStatus;
import org.rehabtelemetry.agent.status.LiveValues;
import org.rehabtelemetry.agent.time.ClockSync;
import org.rehabtelemetry.agent.time.Timebase;
import org.rehabtelemetry.hardware.DeviceHardware;
import org.rehabtelemetry.hardware.jssc.SerialOnlyPorts;
import org.rehabtelemetry.hardware.pi4j.Board;
import org.rehabtelemetry.hardware.pi4j.BoardCheck;
import org.rehabtelemetry.hardware.port.MonotonicClock;
import org.rehabtelemetry.hardware.port.PortFactory;
import org.rehabtelemetry.hardware.profile.ChannelSpec;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.hardware.profile.DeviceProfiles;
import org.rehabtelemetry.protocol.AlarmPriority;
import org.rehabtelemetry.protocol.DeviceState;
import org.rehabtelemetry.protocol.DeviceStatus;
import org.rehabtelemetry.protocol.Header;
import org.rehabtelemetry.runtime.files.DirectoryLock;
import org.rehabtelemetry.runtime.files.NioFileLayer;
import org.rehabtelemetry.runtime.health.Liveness;
import org.rehabtelemetry.runtime.threads.FailFast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device agent, wired: this class only builds the parts and connects them (docs/architecture.md
 * shows the map). The parts:
 *
 * <ul>
 *   <li>the hardware's drivers report to a {@link ReadingRouter};
 *   <li>{@link AgentCommands} take the therapist's commands; {@link SessionRecorder} journals the
 *       session; {@link AlarmRules} and {@link AlarmManager} raise local alarms;
 *   <li>the {@link DiskJournal} keeps everything until the {@link JournalPublisher} has it
 *       acknowledged;
 *   <li>the {@code agent-tick} thread journals sample batches every batch interval and runs the
 *       watches (sensors, journal, clock).
 * </ul>
 *
 * <p>Threads: the drivers' ({@code sensor-poll}, {@code serial-*}), {@code agent-tick}, {@code
 * journal-commit}, {@code journal-publisher}; each reports progress to the {@link Liveness} view,
 * and a worker that dies ends the process ({@link FailFast}). {@link #start} and {@link #close}
 * once, from one thread.
 */
public final class DeviceAgent implements AutoCloseable {
  public static final String VERSION = "0.2.0";
  private static final Logger LOG = LoggerFactory.getLogger(DeviceAgent.class);

  private final AgentConfig config;
  private final Clock wall;
  private final MonotonicClock clock;
  private final ClockSync clockSync;
  private final DeviceProfile profile;
  private final String bootId = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
  private final Liveness liveness;
  private final Timebase timebase;
  private final LiveValues live = new LiveValues();
  private final AgentEvents events = new AgentEvents();
  private PortFactory ports;
  private Board board;
  private DirectoryLock lock;
  private DiskJournal journal;
  private SessionRecorder recorder;
  private AlarmManager alarms;
  private AlarmLog alarmLog;
  private AlarmSounder sounder;
  private volatile BuzzerPlayer buzzer;
  private AgentCommands commands;
  private DeviceHardware hardware;
  private JournalPublisher publisher;
  private ScheduledExecutorService ticker;
  private TraceRecorder traceRecorder;

  /**
   * @param ports the board's ports, or null for the real board (Pi4J's gpiod and linuxfs, jssc)
   */
  public DeviceAgent(
      AgentConfig config,
      Clock wall,
      MonotonicClock clock,
      ClockSync clockSync,
      PortFactory ports) {
    this.config = config;
    this.wall = wall;
    this.clock = clock;
    this.clockSync = clockSync;
    this.ports = ports;
    this.profile = DeviceProfiles.load(config.profile());
    this.liveness = new Liveness(wall);
    this.timebase = new Timebase(wall, clock, Duration.ofSeconds(2));
  }

  /**
   * Starts everything with the given MQTT transport.
   *
   * @throws AgentStartException when the state directory is in use by another agent (nothing is
   *     changed) or the board lacks a device the profile wires
   */
  // The tick's future is not needed: a FailFast scheduler ends the process when a task throws.
  @SuppressWarnings("FutureReturnValueIgnored")
  public synchronized void start(MqttTransport transport) {
    LOG.info(
        "agent {} for {} ({}) starting, boot {}",
        VERSION,
        config.deviceId(),
        profile.kind().wireName(),
        bootId);
    lockStateDirectory();
    if (ports == null) {
      checkBoard();
    }
    alarmLog =
        new AlarmLog(config.stateDir().resolve("alarm-log"), wall, config.alarmLogRetention());
    alarms = new AlarmManager("A-" + bootId, this::alarmChanged);
    sounder =
        new AlarmSounder(
            alarms,
            clock,
            config.audioPause(),
            config.alarmPause(),
            this::brokerConnected,
            this::soundChanged);
    JournalAlarms journalAlarms = new JournalAlarms(alarms, clock);
    journal =
        DiskJournal.open(
            config.journal(), journalAlarms, wall, new NioFileLayer(), DiskFaults.NONE);
    journal.heartbeat(liveness.register("journal-commit", Duration.ofSeconds(15)));
    recorder =
        new SessionRecorder(
            config.deviceId(),
            bootId,
            profile,
            timebase,
            clock,
            journal,
            new SessionStore(config.stateDir()));
    recorder.recoverInterrupted();
    AlarmRules rules = new AlarmRules(profile.alarmRules(), alarms);
    SensorWatch sensors = new SensorWatch(config.requiredSensors(), alarms, clock);
    commands =
        new AgentCommands(
            profile,
            recorder,
            alarms,
            () -> hardware == null ? java.util.Optional.empty() : hardware.emergencyStop(),
            sensors::faultedRequired,
            text -> events.notice(text, wall.millis()));
    traceRecorder =
        config.recordTraces()
            ? new TraceRecorder(config.stateDir().resolve("traces"), config.deviceId(), profile)
            : null;
    commands.addObserver(
        new SessionLifecycle(
            rules,
            traceRecorder,
            timebase,
            clock,
            reason -> publisher.publishStatus(status(DeviceState.ONLINE, reason)),
            events));
    ReadingRouter router =
        new ReadingRouter(
            units(),
            timebase,
            live,
            recorder,
            traceRecorder,
            rules,
            alarms,
            sensors,
            commands,
            events);
    if (ports == null && (profile.wiring().usesGpio() || profile.wiring().tilt().isPresent())) {
      board = Board.open();
      ports = board;
    } else if (ports == null) {
      ports = new SerialOnlyPorts(); // nothing on GPIO or I2C: no Pi4J context at all
    }
    hardware = DeviceHardware.assemble(profile, ports, clock, router, liveness);
    hardware
        .buzzer()
        .ifPresent(
            line -> {
              buzzer = new BuzzerPlayer(line);
              sounder.replay(); // under the alarm lock: no newer priority is overwritten
            });
    publisher =
        new JournalPublisher(
            journal,
            transport,
            config.mqtt(),
            config.receipts(),
            config.site(),
            config.deviceId(),
            () -> status(DeviceState.ONLINE, null),
            () -> status(DeviceState.OFFLINE, "connection lost"));
    publisher.heartbeat(liveness.register("journal-publisher", Duration.ofSeconds(60)));
    hardware.start();
    publisher.start();
    ticker = FailFast.scheduler("agent-tick");
    ticker.scheduleAtFixedRate(
        new AgentTicker(
            liveness.register("agent-tick", Duration.ofSeconds(15)),
            journalAlarms,
            recorder,
            commands,
            sensors,
            new ClockWatch(timebase, alarms, clock),
            new LinkWatch(
                alarms,
                clock,
                config.operatorLinkLost(),
                publisher::deliveryStalledSeconds,
                publisher::isConnected)),
        config.batchInterval().toMillis(),
        config.batchInterval().toMillis(),
        TimeUnit.MILLISECONDS);
    ticker.scheduleAtFixedRate(sounder::update, 250, 250, TimeUnit.MILLISECONDS); // pause expiry
    if (!config.liveInterval().isZero()) {
      long every = config.liveInterval().toMillis();
      ticker.scheduleAtFixedRate(this::publishLive, every, every, TimeUnit.MILLISECONDS);
    }
    hardware
        .emergencyStop()
        .filter(e -> e.isLatched())
        .ifPresent(e -> router.raiseEstop(clock.nanos()));
  }

  private void lockStateDirectory() {
    try {
      lock = DirectoryLock.acquire(config.stateDir(), "the device agent");
    } catch (DirectoryLock.LockedException e) {
      throw new AgentStartException(e.getMessage(), e);
    } catch (IOException e) {
      throw new AgentStartException(
          "cannot use the state directory " + config.stateDir() + ": " + e.getMessage(), e);
    }
  }

  private void checkBoard() {
    List<String> problems = BoardCheck.problems(profile, Path.of("/dev"));
    if (!problems.isEmpty()) {
      lock.close();
      throw new AgentStartException(String.join("\n", problems), null);
    }
  }

  /** The profile this agent runs. */
  /** The configuration the agent runs with. */
  public AgentConfig config() {
    return config;
  }

  public DeviceProfile profile() {
    return profile;
  }

  /** The port factory in use (the simulator drives the mock board through it). */
  public synchronized PortFactory ports() {
    return ports;
  }

  /** What a therapist can ask of the device. */
  public AgentCommands commands() {
    return commands;
  }

  /** Change events for the touch UI's streams. */
  public AgentEvents events() {
    return events;
  }

  /** When each worker last made progress ({@code /health}, the watchdog). */
  public Liveness liveness() {
    return liveness;
  }

  /** The wall clock the agent stamps messages with, for metrics. */
  public Clock wallClock() {
    return wall;
  }

  /** The journal, for metrics. */
  public DiskJournal journal() {
    return journal;
  }

  /**
   * Samples journaled per channel since the agent started ({@link
   * SessionRecorder#samplesRecorded}); empty before the recorder is up. Thread-safe.
   */
  public java.util.Map<String, Long> samplesRecorded() {
    SessionRecorder current = recorder;
    return current == null ? java.util.Map.of() : current.samplesRecorded();
  }

  /** The publisher, for metrics. */
  public JournalPublisher publisher() {
    return publisher;
  }

  public AgentStatus status() {
    return new AgentStatus(
        config.deviceId(),
        profile.kind().wireName(),
        bootId,
        recorder.state(),
        recorder.current().orElse(null),
        commands
            .armed()
            .map(
                a ->
                    new AgentStatus.ArmedSession(
                        a.patientCode(), a.programme(), Map.copyOf(a.settings())))
            .orElse(null),
        commands.estopLatched(),
        publisher.isConnected(),
        clockSync.isSynchronised(),
        alarms.active(),
        hardware.statuses(),
        live.snapshot(),
        journal.stats(),
        publisher.receiptStatus(),
        sounder.sounding(),
        sounder.pausedSecondsLeft(),
        sounder.alarmPausedSecondsLeft(),
        events.lastNotice());
  }

  @Override
  public synchronized void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    if (buzzer != null) {
      buzzer.close();
    }
    if (hardware != null) {
      hardware.close();
    }
    if (recorder != null) {
      recorder.flush();
    }
    if (traceRecorder != null) {
      traceRecorder.close();
    }
    if (publisher != null) {
      publisher.close();
    }
    if (journal != null) {
      journal.close();
    }
    if (board != null) {
      board.close();
    }
    if (lock != null) {
      lock.close();
    }
    LOG.info("agent stopped");
  }

  private void alarmChanged(ActiveAlarm alarm) {
    if (sounder != null) {
      sounder.update(); // the buzzer first: it is the fastest way to the therapist
    }
    recorder.onAlarm(alarm);
    events.fire(alarm);
    alarmLog.record(alarm); // after the screen: the fsync must not delay what the therapist sees
  }

  private void soundChanged(AlarmPriority priority) {
    BuzzerPlayer player = buzzer;
    if (player != null) {
      player.sound(priority);
    }
  }

  /** What sounds, and AUDIO PAUSED, for the touch UI and API. */
  /** Whether the publisher is connected to the broker now; false before start. */
  private boolean brokerConnected() {
    JournalPublisher running = publisher;
    return running != null && running.isConnected();
  }

  public AlarmSounder sounder() {
    return sounder;
  }

  /** The device's alarm log (occurrences, acknowledgements, ends), for the touch UI and API. */
  public AlarmLog alarmLog() {
    return alarmLog;
  }

  private Map<String, String> units() {
    Map<String, String> units = new HashMap<>();
    for (ChannelSpec channel : profile.channels()) {
      units.put(channel.name(), channel.unit());
    }
    return units;
  }

  /** The live preview's turn: never throws (the ticker would end the process for it). */
  private void publishLive() {
    try {
      recorder.takeLive().ifPresent(publisher::publishLive);
    } catch (RuntimeException e) {
      LOG.warn("live preview skipped: {}", e.toString());
    }
  }

  private DeviceStatus status(DeviceState state, String reason) {
    String sessionId =
        recorder == null ? null : recorder.current().map(s -> s.sessionId()).orElse(null);
    return new DeviceStatus(
        new Header(config.deviceId(), bootId, wall.instant()),
        state,
        profile.kind(),
        VERSION,
        clockSync.isSynchronised(),
        sessionId,
        reason);
  }
}
