package org.rehabtelemetry.gateway;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.rehabtelemetry.gateway.config.GatewayConfig;
import org.rehabtelemetry.gateway.dashboard.AlarmBoard;
import org.rehabtelemetry.gateway.dashboard.LiveFeed;
import org.rehabtelemetry.gateway.dashboard.LoginSessions;
import org.rehabtelemetry.gateway.ingest.DeadLetterStore;
import org.rehabtelemetry.gateway.ingest.IngestListener;
import org.rehabtelemetry.gateway.ingest.MqttIngest;
import org.rehabtelemetry.gateway.registry.DeviceRegistry;
import org.rehabtelemetry.gateway.session.CompletenessRecorder;
import org.rehabtelemetry.gateway.session.CompletenessTracker;
import org.rehabtelemetry.gateway.storage.Storage;
import org.rehabtelemetry.gateway.web.GatewayHttp;
import org.rehabtelemetry.gateway.web.GatewayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running gateway: storage, MQTT ingest, the operator's views and the HTTP side, wired from a
 * config. Used by {@link GatewayMain}, the demo and the end-to-end tests. Start and close from one
 * thread.
 */
public final class Gateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private final Storage storage;
  private final MqttIngest ingest;
  private final GatewayHttp http;
  private final ScheduledExecutorService housekeeping;

  private Gateway(
      Storage storage, MqttIngest ingest, GatewayHttp http, ScheduledExecutorService housekeeping) {
    this.storage = storage;
    this.ingest = ingest;
    this.http = http;
    this.housekeeping = housekeeping;
  }

  /**
   * Opens the store, connects to the broker and serves HTTP. Blocks until all three are up (the
   * embedded store takes about 2 s).
   *
   * @throws IOException if the store or the HTTP port cannot be opened
   * @throws Exception if the broker cannot be reached
   */
  public static Gateway start(GatewayConfig config, Clock clock) throws Exception {
    Storage storage = Storage.open(config.storage());
    MqttIngest ingest = null;
    GatewayHttp http = null;
    ScheduledExecutorService housekeeping = null;
    try {
      DeadLetterStore deadLetters =
          new DeadLetterStore(config.stateDir().resolve("dead-letters"), clock);
      CompletenessTracker completeness = new CompletenessTracker(10_000);
      DeviceRegistry registry = new DeviceRegistry(clock);
      LiveFeed live = new LiveFeed();
      AlarmBoard alarms = new AlarmBoard(200, clock, live::alarmChanged);
      LoginSessions logins =
          new LoginSessions(
              config.dashboard().operators(), config.dashboard().sessionLifetime(), clock);
      ingest =
          new MqttIngest(
              config.ingest(),
              storage.sink(),
              deadLetters,
              IngestListener.all(
                  registry,
                  new CompletenessRecorder(completeness, storage.sink(), storage.seqQuery()),
                  alarms,
                  live));
      http =
          new GatewayHttp(
              config.httpBind(),
              config.httpPort(),
              new GatewayMetrics(ingest, deadLetters, registry, completeness),
              new GatewayHttp.Views(
                  registry,
                  completeness,
                  deadLetters,
                  alarms,
                  live,
                  logins,
                  config.dashboard().secureCookie()));
      ingest.start();
      http.start();
      housekeeping =
          Executors.newSingleThreadScheduledExecutor(
              runnable -> {
                Thread thread = new Thread(runnable, "gateway-housekeeping");
                thread.setDaemon(true);
                return thread;
              });
      housekeeping.scheduleWithFixedDelay(logins::purgeExpired, 1, 1, TimeUnit.MINUTES);
      if (!logins.enabled()) {
        LOG.warn("no operator account configured (dashboard.operators): the dashboard is off");
      }
      LOG.info(
          "gateway {} running: {} -> {}; dashboard on http://{}",
          config.ingest().clientId(),
          config.ingest().uri(),
          storage.describe(),
          http.address());
      return new Gateway(storage, ingest, http, housekeeping);
    } catch (Exception | Error e) {
      if (http != null) {
        http.close();
      }
      if (ingest != null) {
        ingest.close();
      }
      storage.close();
      throw e;
    }
  }

  /** host:port of the dashboard and metrics. */
  public String httpAddress() {
    return http.address();
  }

  /** What the gateway stores into, for the start-up banner. */
  public String storageDescription() {
    return storage.describe();
  }

  /**
   * Stops serving, disconnects from the broker (unacknowledged messages stay there), closes the
   * store.
   */
  @Override
  public void close() {
    housekeeping.shutdownNow();
    http.close();
    ingest.close();
    storage.close();
  }
}
