package org.rehabtelemetry.gateway;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.rehabtelemetry.gateway.alarms.AlarmBoard;
import org.rehabtelemetry.gateway.alarms.CommunicationWatch;
import org.rehabtelemetry.gateway.alarms.DashboardSoundPause;
import org.rehabtelemetry.gateway.alarms.GatewayAlarmLog;
import org.rehabtelemetry.gateway.auth.AuditLog;
import org.rehabtelemetry.gateway.auth.LoginSessions;
import org.rehabtelemetry.gateway.config.GatewayConfig;
import org.rehabtelemetry.gateway.deadletter.DeadLetterStore;
import org.rehabtelemetry.gateway.enrolment.EnrolledDevices;
import org.rehabtelemetry.gateway.ingest.Admission;
import org.rehabtelemetry.gateway.ingest.CardinalityGuard;
import org.rehabtelemetry.gateway.ingest.Ingest;
import org.rehabtelemetry.gateway.ingest.IngestListener;
import org.rehabtelemetry.gateway.live.LiveFeed;
import org.rehabtelemetry.gateway.metrics.GatewayMetrics;
import org.rehabtelemetry.gateway.mqtt.PahoInbound;
import org.rehabtelemetry.gateway.receipt.ReceiptSender;
import org.rehabtelemetry.gateway.receipt.ResendRequester;
import org.rehabtelemetry.gateway.records.ClinicalRecords;
import org.rehabtelemetry.gateway.records.RecordsAccess;
import org.rehabtelemetry.gateway.registry.DeviceRegistry;
import org.rehabtelemetry.gateway.session.CompletenessTracker;
import org.rehabtelemetry.gateway.session.CompletenessWorker;
import org.rehabtelemetry.gateway.session.GapListener;
import org.rehabtelemetry.gateway.storage.OpenStore;
import org.rehabtelemetry.gateway.web.DashboardViews;
import org.rehabtelemetry.gateway.web.GatewayWeb;
import org.rehabtelemetry.runtime.files.DirectoryLock;
import org.rehabtelemetry.runtime.health.Liveness;
import org.rehabtelemetry.runtime.threads.FailFast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running gateway, wired from a config: this class only builds the parts and connects them
 * (docs/architecture.md shows the map). Storage opens first and closes last; ingest, the
 * completeness worker and the web side sit between. Used by the {@code run} command, the demo and
 * the end-to-end tests. Start and close from one thread.
 */
public final class Gateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private final DirectoryLock lock;
  private final OpenStore store;
  private final Ingest ingest;
  private final CompletenessWorker completeness;
  private final GatewayWeb web;
  private final ScheduledExecutorService housekeeping;
  private final GatewayAlarmLog alarmLog;
  private final Parts parts;

  /** The parts the tests and the demo look into. */
  public record Parts(
      DeadLetterStore deadLetters,
      CompletenessTracker completeness,
      DeviceRegistry registry,
      AlarmBoard alarms,
      DashboardSoundPause soundPause,
      GatewayAlarmLog alarmLog,
      AuditLog audit,
      Liveness liveness) {}

  private Gateway(
      DirectoryLock lock,
      OpenStore store,
      Ingest ingest,
      CompletenessWorker completeness,
      GatewayWeb web,
      ScheduledExecutorService housekeeping,
      GatewayAlarmLog alarmLog,
      Parts parts) {
    this.lock = lock;
    this.store = store;
    this.ingest = ingest;
    this.completeness = completeness;
    this.web = web;
    this.housekeeping = housekeeping;
    this.alarmLog = alarmLog;
    this.parts = parts;
  }

  /**
   * The clinical records, read from the embedded store; reports need its SQL, so with an external
   * InfluxDB there are none yet, and a missing report font disables them without stopping the
   * telemetry.
   */
  private static RecordsAccess records(OpenStore store, GatewayConfig config, Clock clock) {
    if (store.archive().isEmpty()) {
      return RecordsAccess.none(
          "clinical records need the embedded store (storage.kind: embedded); "
              + store.description()
              + " is not read back yet");
    }
    try {
      return RecordsAccess.of(new ClinicalRecords(store.archive().get(), config.records(), clock));
    } catch (IllegalArgumentException e) {
      LOG.error("clinical records are off: {}", e.getMessage());
      return RecordsAccess.none("clinical records are off: " + e.getMessage());
    }
  }

  /**
   * Locks the state directory, opens the store, connects to the broker and serves HTTP. Blocks
   * until all are up (the embedded store takes about 2 s).
   *
   * @throws IOException if the state directory is in use, or the store or the port cannot be opened
   * @throws RuntimeException if the broker cannot be reached
   */
  // The housekeeping future is not needed: a FailFast scheduler ends the process when a task
  // throws.
  @SuppressWarnings("FutureReturnValueIgnored")
  public static Gateway start(GatewayConfig config, Clock clock) throws IOException {
    DirectoryLock lock = DirectoryLock.acquire(config.stateDir(), "the gateway");
    OpenStore store = null;
    Ingest ingest = null;
    CompletenessWorker worker = null;
    GatewayAlarmLog alarmLog = null;
    try {
      store = config.storage().open();
      Liveness liveness = new Liveness(clock);
      DeadLetterStore deadLetters =
          new DeadLetterStore(
              config.stateDir().resolve("dead-letters"),
              clock,
              config.deadLetterMaxBytes(),
              config.deadLetterMaxAge());
      CardinalityGuard guard =
          new CardinalityGuard(
              config.cardinality(), config.stateDir().resolve("cardinality.json"), clock);
      CompletenessTracker tracker = new CompletenessTracker(config.maxTrackedSessions(), 4096, 500);
      PahoInbound broker = new PahoInbound(config.mqtt(), config.ingest().shareGroup(), 1000);
      worker =
          new CompletenessWorker(
              tracker,
              store.sink(),
              store.seqQuery(),
              clock,
              liveness.register("completeness", Duration.ofMinutes(2)),
              config.receiptInterval().isZero()
                  ? GapListener.NONE
                  : new ResendRequester(broker, clock),
              config.mqtt().clientId());
      DeviceRegistry registry = new DeviceRegistry(clock);
      LiveFeed live = new LiveFeed();
      alarmLog =
          new GatewayAlarmLog(
              config.stateDir().resolve("alarm-log"), clock, config.alarmLogRetention(), 10_000);
      alarmLog.start();
      GatewayAlarmLog log = alarmLog;
      AtomicReference<AlarmBoard> boardOf = new AtomicReference<>();
      DashboardSoundPause soundPause =
          new DashboardSoundPause(
              () -> boardOf.get() == null ? List.of() : boardOf.get().all(),
              clock,
              config.audioPause(),
              live::soundPauseChanged,
              log::changed);
      AlarmBoard alarms =
          new AlarmBoard(
              200,
              10_000,
              clock,
              entry -> {
                live.alarmChanged(entry);
                log.changed(entry);
                soundPause.alarmChanged(entry);
              });
      boardOf.set(alarms);
      CommunicationWatch communication =
          new CommunicationWatch(alarms, clock, config.communicationLoss());
      LoginSessions logins =
          new LoginSessions(
              config.dashboard().operators(), config.dashboard().sessionLifetime(), clock);
      AuditLog audit = new AuditLog(config.stateDir().resolve("audit"), clock);
      GatewayMetrics metrics = new GatewayMetrics();
      ReceiptSender receipts = new ReceiptSender(broker, clock, 100_000);
      IngestListener listeners = IngestListener.all(registry, worker, alarms, live, communication);
      ingest =
          new Ingest(
              config.ingest(),
              broker,
              store.sink(),
              deadLetters,
              admission(config, guard, clock),
              config.receiptInterval().isZero()
                  ? listeners
                  : IngestListener.all(listeners, receipts),
              clock,
              liveness.register("ingest-writer", Duration.ofMinutes(2)),
              metrics.writeLatency());
      ingest.start();
      PrometheusRegistry registryOfMetrics =
          metrics.register(
              ingest, deadLetters, guard, registry, tracker, alarms, alarmLog, receipts, liveness);
      GatewayWeb web =
          new GatewayWeb(
              config.httpBind(),
              config.httpPort(),
              config.httpHostNames(),
              new DashboardViews(
                  registry,
                  tracker,
                  deadLetters,
                  alarms,
                  soundPause,
                  alarmLog,
                  live,
                  logins,
                  audit,
                  config.dashboard().secureCookie(),
                  records(store, config, clock),
                  config.records().language().code()),
              registryOfMetrics,
              liveness);
      ScheduledExecutorService housekeeping = FailFast.scheduler("gateway-housekeeping");
      housekeeping.scheduleWithFixedDelay(logins::purgeExpired, 1, 1, TimeUnit.MINUTES);
      housekeeping.scheduleWithFixedDelay(communication::check, 500, 500, TimeUnit.MILLISECONDS);
      housekeeping.scheduleWithFixedDelay(soundPause::check, 500, 500, TimeUnit.MILLISECONDS);
      if (config.receiptInterval().isZero()) {
        LOG.warn(
            "storage receipts are off (receipts.intervalMs: 0): devices free records a grace period"
                + " after the broker acknowledges them; docs/protocol.md");
      } else {
        long every = config.receiptInterval().toMillis();
        housekeeping.scheduleWithFixedDelay(receipts::flush, every, every, TimeUnit.MILLISECONDS);
      }
      if (!logins.enabled()) {
        LOG.warn("no operator account configured (dashboard.operators): the dashboard is off");
      }
      LOG.info(
          "gateway {} running: {} -> {}; dashboard on http://{}",
          config.mqtt().clientId(),
          config.mqtt().uri(),
          store.description(),
          web.address());
      return new Gateway(
          lock,
          store,
          ingest,
          worker,
          web,
          housekeeping,
          alarmLog,
          new Parts(deadLetters, tracker, registry, alarms, soundPause, alarmLog, audit, liveness));
    } catch (IOException | RuntimeException | Error e) {
      if (ingest != null) {
        ingest.close();
      }
      if (worker != null) {
        worker.close();
      }
      if (alarmLog != null) {
        alarmLog.close();
      }
      if (store != null) {
        store.close();
      }
      lock.close();
      throw e;
    }
  }

  /** host:port of the dashboard and metrics. */
  public String httpAddress() {
    return web.address();
  }

  /**
   * The cardinality guard, behind the enrolment check when {@code devices.enrolmentDir} is set;
   * without it any device id is accepted, which the gateway says at start.
   */
  private static Admission admission(GatewayConfig config, CardinalityGuard guard, Clock clock) {
    if (config.enrolmentDir() == null) {
      LOG.warn(
          "device enrolment check is off (no devices.enrolmentDir): any device id is accepted;"
              + " docs/security.md");
      return guard;
    }
    return Admission.all(new EnrolledDevices(config.enrolmentDir(), clock), guard);
  }

  /** What the gateway stores into, for the start-up banner. */
  public String storageDescription() {
    return store.description();
  }

  /** Ingest's running figures. */
  public Ingest ingest() {
    return ingest;
  }

  public Parts parts() {
    return parts;
  }

  /**
   * Stops serving, disconnects from the broker (unacknowledged messages stay there), closes the
   * store, releases the state directory.
   */
  @Override
  public void close() {
    housekeeping.shutdownNow();
    web.close();
    ingest.close();
    completeness.close();
    alarmLog.close();
    store.close();
    lock.close();
  }
}
