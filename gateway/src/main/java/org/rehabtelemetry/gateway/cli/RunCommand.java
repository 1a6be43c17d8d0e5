package org.rehabtelemetry.gateway.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.rehabtelemetry.gateway.Gateway;
import org.rehabtelemetry.gateway.config.GatewayConfig;
import org.rehabtelemetry.gateway.config.GatewayConfigLoader;
import org.rehabtelemetry.runtime.systemd.ServiceNotifications;
import org.rehabtelemetry.runtime.threads.FailFast;
import org.rehabtelemetry.runtime.threads.Termination;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code run}: the gateway until SIGTERM. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description =
        "Run the gateway until SIGTERM (exit 0); 1 when it cannot start, 2 for a bad config.")
final class RunCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, description = "The gateway's YAML config.")
  Path config;

  @Override
  public Integer call() {
    FailFast.install();
    GatewayConfig settings = GatewayConfigLoader.load(config); // a ConfigException exits 2
    Gateway gateway;
    try {
      gateway = Gateway.start(settings, Clock.systemUTC());
    } catch (Exception e) {
      System.err.println("cannot start: " + e.getMessage());
      return 1;
    }
    System.out.println(
        "gateway "
            + settings.mqtt().clientId()
            + " running; storing into "
            + gateway.storageDescription()
            + "; dashboard and metrics on http://"
            + gateway.httpAddress());
    System.out.flush();
    ServiceNotifications systemd = ServiceNotifications.ready(gateway.parts().liveness());
    Termination.await(
        "gateway-shutdown",
        () -> {
          systemd.close();
          gateway.close();
        });
    return 0;
  }
}
