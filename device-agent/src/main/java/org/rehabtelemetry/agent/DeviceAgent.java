package org.rehabtelemetry.agent;

import com.pi4j.context.Context;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.rehabtelemetry.agent.alarm.ActiveAlarm;
import org.rehabtelemetry.agent.alarm.AlarmManager;
import org.rehabtelemetry.agent.alarm.AlarmSpec;
import org.rehabtelemetry.agent.alarm.ClinicalRules;
import org.rehabtelemetry.agent.alarm.LimitRules;
import org.rehabtelemetry.agent.config.AgentConfig;
import org.rehabtelemetry.agent.journal.DiskFaults;
import org.rehabtelemetry.agent.journal.JournalListener;
import org.rehabtelemetry.agent.journal.RecordClass;
import org.rehabtelemetry.agent.journal.SegmentedJournal;
import org.rehabtelemetry.agent.publish.JournalPublisher;
import org.rehabtelemetry.agent.publish.MqttTransport;
import org.rehabtelemetry.agent.session.SessionRecorder;
import org.rehabtelemetry.agent.session.SessionRefusedException;
import org.rehabtelemetry.agent.session.SessionState;
import org.rehabtelemetry.agent.session.SessionStore;
import org.rehabtelemetry.agent.session.TraceRecorder;
import org.rehabtelemetry.agent.time.ClockSync;
import org.rehabtelemetry.agent.time.Timebase;
import org.rehabtelemetry.hardware.DeviceHardware;
import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.hardware.fault.SensorStatus;
import org.rehabtelemetry.hardware.gpio.StartStopButton;
import org.rehabtelemetry.hardware.pi4j.BoardPorts;
import org.rehabtelemetry.hardware.pi4j.MockBoardPorts;
import org.rehabtelemetry.hardware.pi4j.Pi4jContexts;
import org.rehabtelemetry.hardware.port.MonotonicClock;
import org.rehabtelemetry.hardware.port.PortFactory;
import org.rehabtelemetry.hardware.profile.ChannelSpec;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.hardware.profile.DeviceProfiles;
import org.rehabtelemetry.protocol.AlarmPriority;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.protocol.DeviceState;
import org.rehabtelemetry.protocol.DeviceStatus;
import org.rehabtelemetry.protocol.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device agent: the hardware, the session recorder, local alarms, the journal and the
 * publisher, wired together.
 *
 * <p>Threads: the drivers' threads deliver readings; {@code agent-tick} journals sample batches,
 * raises journal alarms, watches sensor faults and clock jumps; {@code journal-commit} and {@code
 * journal-publisher} belong to the journal and publisher. Commands (start, pause, ...) may come
 * from any thread (the control API, the GPIO button). {@link #start()} and {@link #close()} once.
 */
public final class DeviceAgent implements AutoCloseable {
  public static final String VERSION = "0.1.0";
  private static final Logger LOG = LoggerFactory.getLogger(DeviceAgent.class);
  private static final long SENSOR_GRACE_NANOS = 10_000_000_000L;

  private final AgentConfig config;
  private final Clock wall;
  private final MonotonicClock clock;
  private final ClockSync clockSync;
  private final DeviceProfile profile;
  private final String bootId = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
  private final Map<String, LiveValue> live = new ConcurrentHashMap<>();
  private final Map<String, String> units = new HashMap<>();
  private final Map<String, Long> faultedSince = new ConcurrentHashMap<>();
  private final Map<String, SensorStatus> sensorStatus = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Runnable> deferred = new ConcurrentLinkedQueue<>();
  private final List<Consumer<Object>> listeners = new CopyOnWriteArrayList<>();
  private final Object rulesLock = new Object();
  private final List<Long> alarmLatenciesNanos = new CopyOnWriteArrayList<>();
  private final Timebase timebase;
  private PortFactory ports;
  private Context pi4j;
  private SegmentedJournal journal;
  private SessionRecorder recorder;
  private AlarmManager alarms;
  private LimitRules limitRules;
  private ClinicalRules clinicalRules;
  private DeviceHardware hardware;
  private JournalPublisher publisher;
  private ScheduledExecutorService ticker;
  private volatile Armed armed;
  private final TraceRecorder traceRecorder;

  /** A session the therapist prepared in the UI, started by the GPIO button. */
  public record Armed(String patientCode, String programme, Map<String, Double> settings) {}

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
    this.profile = loadProfile(config.profile());
    for (ChannelSpec channel : profile.channels()) {
      units.put(channel.name(), channel.unit());
    }
    this.timebase = new Timebase(wall, clock, Duration.ofSeconds(2));
    this.traceRecorder =
        config.recordTraces()
            ? new TraceRecorder(config.stateDir().resolve("traces"), config.deviceId(), profile)
            : null;
  }

  /** Loads {@code builtin:KIND} or a profile file. */
  public static DeviceProfile loadProfile(String profile) {
    if (profile.startsWith("builtin:")) {
      return DeviceProfiles.builtIn(DeviceKind.parse("device.profile", profile.substring(8)));
    }
    return DeviceProfiles.load(java.nio.file.Path.of(profile));
  }

  /** Starts everything with the given MQTT transport. */
  public synchronized void start(MqttTransport transport) {
    LOG.info(
        "agent {} for {} ({}) starting, boot {}",
        VERSION,
        config.deviceId(),
        profile.kind().wireName(),
        bootId);
    journal =
        SegmentedJournal.open(config.journal(), new DeferredJournalAlarms(), wall, DiskFaults.NONE);
    recorder =
        new SessionRecorder(
            config.deviceId(),
            bootId,
            profile,
            timebase,
            clock,
            journal,
            new SessionStore(config.stateDir()));
    alarms = new AlarmManager("A-" + bootId, this::onAlarmChange);
    limitRules = new LimitRules(profile.alarms(), alarms);
    recorder.recoverInterrupted();
    if (ports == null) {
      pi4j = config.hardware().equals("mock") ? Pi4jContexts.mock() : Pi4jContexts.board();
      ports = config.hardware().equals("mock") ? new MockBoardPorts(pi4j) : new BoardPorts(pi4j);
    }
    hardware = DeviceHardware.assemble(profile, ports, clock, new HardwareEvents());
    publisher =
        new JournalPublisher(
            journal,
            transport,
            config.mqtt(),
            config.site(),
            config.deviceId(),
            () -> status(DeviceState.ONLINE, null),
            () -> status(DeviceState.OFFLINE, "connection lost"));
    hardware.start();
    publisher.start();
    ticker =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "agent-tick");
              thread.setDaemon(true);
              return thread;
            });
    long period = config.batchInterval().toMillis();
    ticker.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
    hardware.emergencyStop().filter(e -> e.isLatched()).ifPresent(e -> raiseEstop(clock.nanos()));
  }

  /** The port factory in use (the simulator drives the mock board through it). */
  public synchronized PortFactory ports() {
    return ports;
  }

  public DeviceProfile profile() {
    return profile;
  }

  // ---- commands --------------------------------------------------------------------------

  public String startSession(
      String patientCode, String programme, Map<String, Double> settings, String reason) {
    List<String> faulted = new ArrayList<>();
    for (String sensor : config.requiredSensors()) {
      SensorStatus status = sensorStatus.get(sensor);
      if (status != null && status.isFaulted()) {
        faulted.add(sensor + " (" + status.detail() + ")");
      }
    }
    Map<String, Double> withDefaults = new HashMap<>();
    profile.programmes().stream()
        .filter(p -> p.name().equals(programme))
        .findFirst()
        .ifPresent(p -> p.settings().forEach((k, v) -> withDefaults.put(k, v.defaultValue())));
    withDefaults.putAll(settings);
    String id =
        recorder.start(patientCode, programme, withDefaults, reason, estopLatched(), faulted);
    if (traceRecorder != null) {
      traceRecorder.started(id, clock.nanos());
    }
    synchronized (rulesLock) {
      clinicalRules = new ClinicalRules(profile.kind(), withDefaults, alarms);
    }
    publisher.publishStatus(status(DeviceState.ONLINE, "session started"));
    fire("session");
    return id;
  }

  public void pauseSession(String reason) {
    recorder.pause(reason);
    if (traceRecorder != null) {
      traceRecorder.shortPress(clock.nanos());
    }
    fire("session");
  }

  public void resumeSession(String reason) {
    recorder.resume(reason, estopLatched());
    if (traceRecorder != null) {
      traceRecorder.shortPress(clock.nanos());
    }
    fire("session");
  }

  public void stopSession(String reason) {
    recorder.stop(reason);
    endSession();
  }

  /** Prepares a session for the GPIO start button. */
  public void arm(Armed session) {
    this.armed = session;
  }

  public boolean acknowledgeAlarm(String alarmId) {
    return alarms.acknowledge(alarmId);
  }

  /** The therapist's deliberate e-stop reset; refused while the button is still pressed. */
  public void resetEmergencyStop() {
    hardware
        .emergencyStop()
        .orElseThrow(() -> new SessionRefusedException("This device has no emergency stop input."))
        .reset();
  }

  public boolean estopLatched() {
    return hardware != null && hardware.emergencyStop().map(e -> e.isLatched()).orElse(false);
  }

  /** Hears every change (alarm, session, live value), for the UI's event stream. */
  public void addListener(Consumer<Object> listener) {
    listeners.add(listener);
  }

  public AgentStatus status() {
    return new AgentStatus(
        config.deviceId(),
        profile.kind().wireName(),
        bootId,
        recorder.state(),
        recorder.current().orElse(null),
        estopLatched(),
        publisher.isConnected(),
        clockSync.isSynchronised(),
        alarms.active(),
        hardware.statuses(),
        Map.copyOf(live),
        journal.stats());
  }

  /** Sample-to-alarm latencies measured so far, in nanoseconds (for the benchmark). */
  public List<Long> alarmLatenciesNanos() {
    return List.copyOf(alarmLatenciesNanos);
  }

  @Override
  public synchronized void close() {
    if (ticker != null) {
      ticker.shutdownNow();
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
    if (pi4j != null) {
      pi4j.shutdown();
    }
    LOG.info("agent stopped");
  }

  // ---- internals ---------------------------------------------------------------------------

  private void endSession() {
    if (traceRecorder != null) {
      traceRecorder.ended(clock.nanos());
    }
    synchronized (rulesLock) {
      clinicalRules = null;
    }
    timebase.reanchor();
    publisher.publishStatus(status(DeviceState.ONLINE, "session ended"));
    fire("session");
  }

  private void tick() {
    try {
      Runnable task;
      while ((task = deferred.poll()) != null) {
        task.run();
      }
      recorder.flush();
      checkSensorGrace();
      Duration jump = timebase.checkJump();
      if (!jump.isZero() && !alarms.isActive("CLOCK_JUMP")) {
        LOG.warn("wall clock jumped by {} ms", jump.toMillis());
        alarms.raise(
            new AlarmSpec(
                "CLOCK_JUMP",
                "CLOCK_JUMP",
                AlarmPriority.LOW,
                true,
                null,
                jump.toMillis() / 1000.0,
                null,
                "The wall clock moved by "
                    + jump.toSeconds()
                    + " s"
                    + (recorder.state().isActive()
                        ? "; this session keeps its own time line"
                        : "")),
            clock.nanos());
      }
      if (!jump.isZero() && !recorder.state().isActive()) {
        timebase.reanchor();
        alarms.clear("CLOCK_JUMP");
      }
    } catch (RuntimeException e) {
      LOG.error("agent tick failed; continuing", e);
    }
  }

  private void checkSensorGrace() {
    long now = clock.nanos();
    for (String sensor : config.requiredSensors()) {
      Long since = faultedSince.get(sensor);
      if (since != null && now - since > SENSOR_GRACE_NANOS && recorder.state().isActive()) {
        SensorStatus status = sensorStatus.get(sensor);
        recorder.interrupt(
            "sensor failure: " + sensor + (status == null ? "" : " (" + status.detail() + ")"));
        endSession();
      }
    }
  }

  private void onAlarmChange(ActiveAlarm alarm) {
    recorder.onAlarm(alarm);
    if (alarm.state() == org.rehabtelemetry.protocol.AlarmState.RAISED && alarm.raisedNanos() > 0) {
      alarmLatenciesNanos.add(clock.nanos() - alarm.raisedNanos());
    }
    fire(alarm);
  }

  private void raiseEstop(long nanos) {
    alarms.raise(
        new AlarmSpec(
            "ESTOP", "ESTOP", AlarmPriority.HIGH, true, null, null, null, "Emergency stop pressed"),
        nanos);
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

  private void fire(Object event) {
    for (Consumer<Object> listener : listeners) {
      try {
        listener.accept(event);
      } catch (RuntimeException e) {
        LOG.warn("event listener failed: {}", e.toString());
      }
    }
  }

  /** Hardware events, on driver threads. */
  private final class HardwareEvents implements DeviceHardware.Listener {
    @Override
    public void accept(Reading reading) {
      live.put(
          reading.channel(),
          new LiveValue(
              reading.channel(),
              reading.value(),
              units.getOrDefault(reading.channel(), ""),
              timebase.epochMicros(reading.nanos()) / 1000));
      recorder.onReading(reading);
      if (traceRecorder != null && recorder.state().isActive()) {
        traceRecorder.reading(reading);
      }
      synchronized (rulesLock) {
        limitRules.evaluate(reading);
        if (clinicalRules != null && recorder.state() == SessionState.RUNNING) {
          clinicalRules.evaluate(reading);
        }
      }
      fire(reading);
    }

    @Override
    public void statusChanged(SensorStatus status) {
      sensorStatus.put(status.sensor(), status);
      String key = "SENSOR:" + status.sensor();
      if (status.isFaulted()) {
        faultedSince.putIfAbsent(status.sensor(), clock.nanos());
        alarms.raise(
            new AlarmSpec(
                key,
                "SENSOR_" + status.cause().name(),
                AlarmPriority.MEDIUM,
                false,
                null,
                null,
                null,
                status.sensor() + ": " + status.detail()),
            clock.nanos());
      } else {
        faultedSince.remove(status.sensor());
        alarms.clear(key);
      }
      fire(status);
    }

    @Override
    public void latched(long nanos) {
      if (traceRecorder != null) {
        traceRecorder.estop(nanos);
      }
      raiseEstop(nanos);
      if (recorder.state().isActive()) {
        recorder.interrupt("emergency stop pressed");
        endSession();
      }
    }

    @Override
    public void reset(long nanos) {
      alarms.clear("ESTOP");
      fire("estop");
    }

    @Override
    public void pressed(StartStopButton.Press press, long nanos) {
      try {
        SessionState state = recorder.state();
        if (press == StartStopButton.Press.LONG && state.isActive()) {
          stopSession("button");
        } else if (press == StartStopButton.Press.SHORT && state == SessionState.RUNNING) {
          pauseSession("button");
        } else if (press == StartStopButton.Press.SHORT && state == SessionState.PAUSED) {
          resumeSession("button");
        } else if (press == StartStopButton.Press.SHORT && armed != null) {
          Armed session = armed;
          startSession(session.patientCode(), session.programme(), session.settings(), "button");
        } else {
          LOG.info("button {} ignored: session {}, nothing armed", press, state);
        }
      } catch (SessionRefusedException e) {
        LOG.warn("button {}: {}", press, e.getMessage());
        fire(e);
      }
    }

    @Override
    public void changed(String name, boolean active, long nanos) {
      if (traceRecorder != null) {
        traceRecorder.contact(name, active, nanos);
      }
      live.put(name, new LiveValue(name, active ? 1 : 0, "", timebase.epochMicros(nanos) / 1000));
      if (name.equals("waterLevelOk")) {
        if (active) {
          alarms.clear("WATER_LEVEL_LOW");
        } else {
          alarms.raise(
              new AlarmSpec(
                  "WATER_LEVEL_LOW",
                  "WATER_LEVEL_LOW",
                  AlarmPriority.MEDIUM,
                  false,
                  null,
                  null,
                  null,
                  "Water level low"),
              nanos);
        }
      }
      fire(name);
    }
  }

  /** Journal problems become alarms on the tick thread, never inside the journal's lock. */
  private final class DeferredJournalAlarms implements JournalListener {
    @Override
    public void evicted(RecordClass lane, long firstId, long lastId, long unsent, String reason) {
      if (unsent > 0) {
        deferred.add(
            () ->
                alarms.raise(
                    new AlarmSpec(
                        "JOURNAL_EVICTED:" + firstId,
                        "JOURNAL_EVICTED",
                        AlarmPriority.MEDIUM,
                        true,
                        null,
                        (double) unsent,
                        null,
                        unsent
                            + " unsent "
                            + lane.name().toLowerCase()
                            + " records (journal ids "
                            + firstId
                            + ".."
                            + lastId
                            + ") were dropped: "
                            + reason),
                    clock.nanos()));
      }
    }

    @Override
    public void writeFailed(String problem) {
      deferred.add(
          () ->
              alarms.raise(
                  new AlarmSpec(
                      "DISK",
                      "DISK_WRITE_FAILED",
                      AlarmPriority.MEDIUM,
                      false,
                      null,
                      null,
                      null,
                      "Journal cannot write: " + problem),
                  clock.nanos()));
    }

    @Override
    public void writeRecovered() {
      deferred.add(() -> alarms.clear("DISK"));
    }

    @Override
    public void damaged(String problem) {
      deferred.add(
          () ->
              alarms.raise(
                  new AlarmSpec(
                      "JOURNAL_DAMAGED:" + problem.hashCode(),
                      "JOURNAL_DAMAGED",
                      AlarmPriority.MEDIUM,
                      true,
                      null,
                      null,
                      null,
                      "Journal damage found at start: " + problem),
                  clock.nanos()));
    }
  }
}
