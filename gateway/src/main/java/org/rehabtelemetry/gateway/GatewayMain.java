package org.rehabtelemetry.gateway;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.rehabtelemetry.config.ConfigException;
import org.rehabtelemetry.gateway.config.GatewayConfig;
import org.rehabtelemetry.gateway.config.GatewayConfigLoader;
import org.rehabtelemetry.gateway.ingest.DeadLetterStore;
import org.rehabtelemetry.gateway.ingest.IngestListener;
import org.rehabtelemetry.gateway.ingest.MqttIngest;
import org.rehabtelemetry.gateway.registry.DeviceRegistry;
import org.rehabtelemetry.gateway.session.CompletenessRecorder;
import org.rehabtelemetry.gateway.session.CompletenessTracker;
import org.rehabtelemetry.gateway.storage.InfluxV1SeqQuery;
import org.rehabtelemetry.gateway.storage.InfluxV1Sink;
import org.rehabtelemetry.gateway.storage.TimeSeriesSink;
import org.rehabtelemetry.gateway.web.GatewayHttp;
import org.rehabtelemetry.gateway.web.GatewayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the gateway: {@code java -jar gateway.jar run --config gateway.yaml}. Exit codes: 0 after a
 * clean stop (SIGTERM), 1 when it cannot start, 2 for bad usage or a bad config.
 */
public final class GatewayMain {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayMain.class);

  private GatewayMain() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    if (args.length != 3 || !args[0].equals("run") || !args[1].equals("--config")) {
      System.err.println("usage: gateway run --config FILE");
      return 2;
    }
    GatewayConfig config;
    try {
      config = GatewayConfigLoader.load(Path.of(args[2]));
    } catch (ConfigException e) {
      System.err.println("config error: " + e.getMessage());
      return 2;
    }
    TimeSeriesSink sink =
        new InfluxV1Sink(
            config.storageUrl(),
            config.database(),
            config.storageUsername(),
            config.storagePassword(),
            config.storageTimeout());
    DeadLetterStore deadLetters =
        new DeadLetterStore(config.stateDir().resolve("dead-letters"), Clock.systemUTC());
    CompletenessTracker completeness = new CompletenessTracker(10_000);
    DeviceRegistry registry = new DeviceRegistry(Clock.systemUTC());
    MqttIngest ingest =
        new MqttIngest(
            config.ingest(),
            sink,
            deadLetters,
            IngestListener.all(
                registry,
                new CompletenessRecorder(
                    completeness,
                    sink,
                    new InfluxV1SeqQuery(
                        config.storageUrl(), config.database(), config.storageTimeout()))));
    GatewayHttp endpoints;
    try {
      ingest.start();
      endpoints =
          new GatewayHttp(
              config.httpBind(),
              config.httpPort(),
              new GatewayMetrics(ingest, deadLetters, registry, completeness),
              registry,
              completeness,
              deadLetters);
      endpoints.start();
    } catch (Exception e) {
      System.err.println("cannot start: " + e.getMessage());
      ingest.close();
      return 1;
    }
    LOG.info(
        "gateway {} running: {} -> {}",
        config.ingest().clientId(),
        config.ingest().uri(),
        sink.describe());
    System.out.println(
        "gateway "
            + config.ingest().clientId()
            + " running; metrics and operator API on http://"
            + endpoints.address());
    System.out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  endpoints.close();
                  ingest.close();
                  stopped.countDown();
                },
                "gateway-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
