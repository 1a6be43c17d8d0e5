package org.rehabtelemetry.agent.session;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.rehabtelemetry.agent.alarm.ActiveAlarm;
import org.rehabtelemetry.agent.journal.Journal;
import org.rehabtelemetry.agent.journal.RecordClass;
import org.rehabtelemetry.agent.sampling.SampleBatcher;
import org.rehabtelemetry.agent.summary.SummaryCalculator;
import org.rehabtelemetry.agent.time.Timebase;
import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.hardware.port.MonotonicClock;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.protocol.AlarmEvent;
import org.rehabtelemetry.protocol.ChannelSamples;
import org.rehabtelemetry.protocol.Header;
import org.rehabtelemetry.protocol.Limits;
import org.rehabtelemetry.protocol.LiveSamples;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.MessageCodec;
import org.rehabtelemetry.protocol.SampleBatch;
import org.rehabtelemetry.protocol.SessionEvent;
import org.rehabtelemetry.protocol.SessionEventType;
import org.rehabtelemetry.protocol.SessionRef;
import org.rehabtelemetry.protocol.SessionSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records sessions into the journal: lifecycle events, sample batches, alarms and the summary.
 *
 * <p>It is the journal's only writer, so while a session runs every journal record is one of its
 * messages and a message's sequence number is its journal id minus the id of the session's {@code
 * started} record; a restart after a crash therefore knows the next sequence number from the
 * journal alone. Samples are recorded only while the session is running (not paused). Lifecycle
 * events and alarms are committed to disk at once; batches at the next group commit.
 *
 * <p>Thread-safe: every method locks this object; readings arrive from driver threads.
 */
public final class SessionRecorder {
  /** Samples journaled per channel since start (a downsampled window counts once). */
  private final Map<String, LongAdder> samplesRecorded = new ConcurrentHashMap<>();

  /** Numbers kept free below the seq limit when the agent ends a session that reaches it. */
  public static final long SEQ_RESERVE = 1_000;

  /** The therapist's reason when a session ends at the limit. */
  public static final String SEQ_LIMIT_REASON =
      "the session reached its maximum length (about 24 hours of data); start a new one";

  private static final long SEQ_LAST_RESORT = 8;

  private static final Logger LOG = LoggerFactory.getLogger(SessionRecorder.class);
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

  private final String deviceId;
  private final String bootId;
  private final DeviceProfile profile;
  private final Timebase timebase;
  private final MonotonicClock clock;
  private final Journal journal;
  private final SessionStore store;
  private final MessageCodec codec = new MessageCodec();
  private final SecureRandom random = new SecureRandom();
  private final SessionStateMachine machine = new SessionStateMachine();
  private SessionStore.Stored current;
  private SampleBatcher batcher;

  /**
   * The same readings again, for the live preview: made by the first {@link #takeLive} of a
   * session, so an agent without previews keeps no second copy; null otherwise.
   */
  private SampleBatcher liveBatcher;

  private SummaryCalculator summary;
  private long records;

  public SessionRecorder(
      String deviceId,
      String bootId,
      DeviceProfile profile,
      Timebase timebase,
      MonotonicClock clock,
      Journal journal,
      SessionStore store) {
    this.deviceId = deviceId;
    this.bootId = bootId;
    this.profile = profile;
    this.timebase = timebase;
    this.clock = clock;
    this.journal = journal;
    this.store = store;
  }

  /**
   * Ends a session that was running when the agent last stopped (a crash or power loss) as
   * interrupted, with its summary. Call once at start-up, before anything else records.
   *
   * @return the interrupted session's id, if there was one
   */
  public synchronized Optional<String> recoverInterrupted() {
    Optional<SessionStore.Stored> stored = store.load();
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    current = stored.get();
    summary = new SummaryCalculator(profile.summary(), current.settings());
    LOG.warn(
        "session {} was running when the agent stopped; ending it as interrupted",
        current.sessionId());
    append(event(SessionEventType.INTERRUPTED, "crash or power loss found at restart"));
    finish(SessionEventType.INTERRUPTED);
    return Optional.of(stored.get().sessionId());
  }

  /**
   * Starts a session; returns its id. Everything is checked before anything changes ({@link
   * SessionRequest}): a refused start leaves the device as it was.
   *
   * @param settings the programme's settings, complete (defaults filled in) and within range
   */
  public synchronized String start(
      String patientCode,
      String programme,
      Map<String, Double> settings,
      String reason,
      boolean estopLatched,
      List<String> faultedSensors) {
    return start(patientCode, programme, settings, Map.of(), reason, estopLatched, faultedSensors);
  }

  /**
   * Starts a session with per-patient alarm limits, which its {@code started} event records as
   * settings named {@code limit_CODE} (e.g. {@code limit_HR_HIGH}).
   */
  public synchronized String start(
      String patientCode,
      String programme,
      Map<String, Double> settings,
      Map<String, Double> limits,
      String reason,
      boolean estopLatched,
      List<String> faultedSensors) {
    SessionRequest.checkStart(profile, patientCode, programme, settings, reason);
    machine.start(estopLatched, faultedSensors);
    Instant now = timebase.now();
    String sessionId =
        "S" + ID_TIME.format(now) + "-" + HexFormat.of().formatHex(random.generateSeed(3));
    current =
        new SessionStore.Stored(sessionId, journal.nextId(), patientCode, programme, now, settings);
    store.save(current);
    batcher = new SampleBatcher(profile, timebase);
    summary = new SummaryCalculator(profile.summary(), settings);
    summary.running(clock.nanos());
    records = 0;
    try {
      append(
          new SessionEvent(
              header(),
              ref(),
              SessionEventType.STARTED,
              reason,
              patientCode,
              programme,
              withLimits(settings, limits)));
    } catch (RuntimeException e) {
      store.clear();
      machine.interrupt();
      machine.finish();
      current = null;
      throw e;
    }
    journal.commit();
    LOG.info("session {} started ({}, {})", sessionId, programme, reason);
    return sessionId;
  }

  public synchronized void pause(String reason) {
    SessionRequest.checkReason(reason);
    machine.pause();
    flushBatch();
    summary.notRunning(clock.nanos());
    append(event(SessionEventType.PAUSED, reason));
    journal.commit();
  }

  public synchronized void resume(String reason, boolean estopLatched) {
    SessionRequest.checkReason(reason);
    machine.resume(estopLatched);
    summary.running(clock.nanos());
    append(event(SessionEventType.RESUMED, reason));
    journal.commit();
  }

  /** Completes the session normally. */
  public synchronized void stop(String reason) {
    SessionRequest.checkReason(reason);
    machine.stop();
    end(SessionEventType.STOPPED, reason);
  }

  /** Ends the session abnormally: e-stop, sensor failure. Does nothing when idle. */
  public synchronized void interrupt(String reason) {
    if (!machine.state().isActive()) {
      return;
    }
    SessionRequest.checkReason(reason);
    machine.interrupt();
    end(SessionEventType.INTERRUPTED, reason);
  }

  /** A reading from a driver; recorded if a session is running. */
  public synchronized void onReading(Reading reading) {
    if (machine.state() != SessionState.RUNNING) {
      return;
    }
    summary.add(reading);
    if (liveBatcher != null && liveBatcher.add(reading)) {
      liveBatcher.take(); // previews not taken for long (a stalled tick): drop, never grow
    }
    if (batcher.add(reading)) {
      flush();
    }
  }

  /**
   * The samples read since the last call, as a live preview of the running session, or empty (no
   * session running, or nothing new). Never journaled: the same samples go to the next batch.
   */
  public synchronized Optional<LiveSamples> takeLive() {
    if (batcher == null || machine.state() != SessionState.RUNNING) {
      return Optional.empty();
    }
    if (liveBatcher == null) {
      liveBatcher = new SampleBatcher(profile, timebase); // previews start from here
      return Optional.empty();
    }
    SampleBatcher.Batch preview = liveBatcher.take();
    return preview == null
        ? Optional.empty()
        : Optional.of(
            new LiveSamples(header(), current.sessionId(), preview.t0Us(), preview.channels()));
  }

  /**
   * Whether the running or paused session is within {@value #SEQ_RESERVE} numbers of the protocol's
   * limit ({@link Limits#MAX_SEQ}): about 24 hours of the fastest batches. The agent then ends it
   * as interrupted, with room left for its last batch, events and summary.
   */
  public synchronized boolean nearSeqLimit() {
    return nearSeqLimit(SEQ_RESERVE);
  }

  /**
   * Samples journaled per channel since the agent started, by channel name: what storage should
   * hold of this device's sessions since then (a downsampled channel counts its windows). A
   * snapshot; thread-safe, never blocks on the recorder.
   */
  public Map<String, Long> samplesRecorded() {
    Map<String, Long> counts = new TreeMap<>();
    samplesRecorded.forEach((channel, count) -> counts.put(channel, count.sum()));
    return counts;
  }

  /** Journals waiting samples as one batch; called every batch interval. */
  public synchronized void flush() {
    if (nearSeqLimit(SEQ_LAST_RESORT)) {
      // Only if the owner did not end the session at nearSeqLimit(): a record past the limit
      // could never be sent, and would stop every restart.
      LOG.error("session {} at the seq limit; ending it here", current.sessionId());
      machine.interrupt();
      end(SessionEventType.INTERRUPTED, SEQ_LIMIT_REASON);
      return;
    }
    flushBatch();
  }

  private boolean nearSeqLimit(long room) {
    return current != null
        && machine.state().isActive()
        && journal.nextId() - current.firstJournalId() > Limits.MAX_SEQ - room;
  }

  private void flushBatch() {
    if (batcher == null) {
      return; // no session, or it has ended and its last samples are journaled
    }
    SampleBatcher.Batch batch = batcher.take();
    if (batch != null) {
      append(new SampleBatch(header(), ref(), batch.t0Us(), batch.channels()));
      for (ChannelSamples channel : batch.channels()) {
        samplesRecorded
            .computeIfAbsent(channel.channel(), name -> new LongAdder())
            .add(channel.size());
      }
    }
  }

  /** Journals an alarm change, in the session if one is active, and commits it at once. */
  public synchronized void onAlarm(ActiveAlarm alarm) {
    if (nearSeqLimit(SEQ_LAST_RESORT)) {
      machine.interrupt();
      end(SessionEventType.INTERRUPTED, SEQ_LIMIT_REASON);
    }
    SessionRef ref = machine.state().isActive() ? ref() : null;
    append(
        new AlarmEvent(
            header(),
            ref,
            alarm.alarmId(),
            alarm.state(),
            alarm.spec().code(),
            alarm.spec().priority(),
            alarm.spec().latched(),
            alarm.spec().channel(),
            alarm.spec().value(),
            alarm.spec().limit(),
            alarm.spec().message()));
    journal.commit();
  }

  public synchronized SessionState state() {
    return machine.state();
  }

  public synchronized Optional<SessionInfo> current() {
    if (current == null || !machine.state().isActive()) {
      return Optional.empty();
    }
    return Optional.of(
        new SessionInfo(
            current.sessionId(),
            machine.state(),
            current.patientCode(),
            current.programme(),
            current.settings(),
            current.startedAt(),
            records,
            metricsSoFar()));
  }

  private Map<String, Double> metricsSoFar() {
    Map<String, Double> metrics = new java.util.LinkedHashMap<>();
    summary.metrics(clock.nanos()).forEach((name, metric) -> metrics.put(name, metric.value()));
    return metrics;
  }

  private void end(SessionEventType outcome, String reason) {
    String sessionId = current.sessionId();
    batcher.closeWindows();
    flushBatch();
    summary.notRunning(clock.nanos());
    append(event(outcome, reason));
    finish(outcome);
    LOG.info("session {} {} ({})", sessionId, outcome.wireName(), reason);
  }

  private void finish(SessionEventType outcome) {
    Instant ended = timebase.now();
    Instant started = current.startedAt().isAfter(ended) ? ended : current.startedAt();
    append(
        new SessionSummary(
            header(), ref(), outcome, started, ended, summary.metrics(clock.nanos())));
    journal.commit();
    store.clear();
    machine.finish();
    current = null;
    batcher = null;
    liveBatcher = null;
  }

  private SessionEvent event(SessionEventType type, String reason) {
    return new SessionEvent(header(), ref(), type, reason, null, null, Map.of());
  }

  private static Map<String, Double> withLimits(
      Map<String, Double> settings, Map<String, Double> limits) {
    if (limits.isEmpty()) {
      return settings;
    }
    Map<String, Double> recorded = new java.util.LinkedHashMap<>(settings);
    limits.forEach((code, value) -> recorded.put("limit_" + code, value));
    return recorded;
  }

  /** The reference for the next record: its seq follows from the journal id it will get. */
  private SessionRef ref() {
    return new SessionRef(current.sessionId(), journal.nextId() - current.firstJournalId());
  }

  private Header header() {
    return new Header(deviceId, bootId, timebase.now());
  }

  private void append(Message message) {
    RecordClass lane = message instanceof SampleBatch ? RecordClass.SAMPLES : RecordClass.EVENT;
    long expected = journal.nextId();
    long id = journal.append(lane, message.type(), codec.encode(message));
    if (id != expected) {
      LOG.error(
          "journal id {} where {} was expected: another writer broke sequence numbering",
          id,
          expected);
    }
    records++;
  }
}
