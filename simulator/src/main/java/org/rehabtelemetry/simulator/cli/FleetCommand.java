package org.rehabtelemetry.simulator.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rehabtelemetry.simulator.fleet.Fleet;
import org.rehabtelemetry.simulator.fleet.FleetCredentials;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code simulator fleet}: N virtual devices on the wire protocol, for load. */
@Command(
    name = "fleet",
    mixinStandardHelpOptions = true,
    description = "N virtual devices publishing library sessions straight onto MQTT, for load.")
final class FleetCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--broker",
      required = true,
      description = "tcp://HOST:PORT, or ssl://HOST:PORT with --issued and --ca-file")
  String broker;

  @Option(names = "--site", defaultValue = "ward-b")
  String site;

  @Option(names = "--devices", defaultValue = "20")
  int devices;

  @Option(names = "--seconds", defaultValue = "60", description = "how long to run")
  double seconds;

  @Option(names = "--trace-seconds", defaultValue = "600", description = "each session's length")
  double traceSeconds;

  @Option(names = "--speed", defaultValue = "1")
  double speed;

  @Option(names = "--batch-ms", defaultValue = "500", description = "batch interval")
  int batchMs;

  @Option(
      names = "--issued",
      description = {
        "a secured broker: the provisioning directory's issued/ folder, with each device's",
        "mqtt-password (gateway provision device --site S --kind K sim-vert-000 ...)"
      })
  Path issued;

  @Option(names = "--ca-file", description = "the site CA (PEM), with --issued")
  Path caFile;

  @Option(
      names = "--cert-dir",
      description = "the devices' client certificates ID.pem and keys ID.key (mutual TLS)")
  Path certDir;

  @Override
  public Integer call() throws Exception {
    if ((issued == null) != (caFile == null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--issued and --ca-file go together (an ssl:// broker)");
    }
    if (devices < 1 || devices > 10_000 || batchMs < 10 || seconds <= 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "need 1 <= --devices <= 10000, --batch-ms >= 10 and --seconds > 0");
    }
    try (Fleet fleet = new Fleet(broker, site, devices, traceSeconds, speed, batchMs)) {
      if (issued != null) {
        fleet.credentials(new FleetCredentials(issued, caFile, certDir));
      }
      fleet.connect();
      Fleet.Result result = fleet.run(seconds);
      spec.commandLine().getOut().println(result);
    }
    return 0;
  }
}
