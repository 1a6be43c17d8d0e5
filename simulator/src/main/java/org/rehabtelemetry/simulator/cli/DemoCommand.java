package org.rehabtelemetry.simulator.cli;

import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.rehabtelemetry.simulator.demo.Demo;
import org.rehabtelemetry.simulator.replay.SimulatedDevice;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code simulator demo}: the whole system in one process until Ctrl-C or SIGTERM. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Broker, gateway, store, dashboard and one agent per device kind on simulated hardware,",
      "replaying the trace library in a loop. Ctrl-C stops it; the data stays in --state."
    })
final class DemoCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--port", defaultValue = "8090", description = "dashboard port (loopback)")
  int port;

  @Option(names = "--state", defaultValue = "demo-state", description = "state directory")
  Path state;

  @Option(names = "--broker", description = "an external broker (tcp://HOST:PORT)")
  String broker;

  @Option(names = "--influx", description = "an external InfluxDB 1.x URL")
  String influx;

  @Option(names = "--database", defaultValue = "rehab", description = "its database")
  String database;

  @Option(names = "--session-seconds", defaultValue = "150", description = "session length")
  double sessionSeconds;

  @Option(names = "--speed", defaultValue = "1", description = "replay speed (1 = real time)")
  double speed;

  @Option(names = "--password", description = "the operator's password (default: random)")
  String password;

  @Option(
      names = "--secure",
      description = {
        "security on, as docs/security.md sets a site up: Mosquitto with the production config",
        "(mutual TLS, passwords, ACL), provisioned accounts, site certificates, the gateway",
        "checking enrolment. Needs mosquitto and openssl (scripts/install-deps)."
      })
  boolean secure;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Demo demo =
        new Demo(
            new Demo.Options(
                state, broker, influx, database, port, sessionSeconds, speed, password, secure));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  out.println("stopping the demo...");
                  out.flush();
                  demo.close();
                  out.println("demo stopped.");
                  out.flush();
                  stopped.countDown();
                },
                "demo-shutdown"));
    if (secure && broker != null) {
      spec.commandLine().getErr().println("--secure runs its own broker; leave out --broker");
      return 2;
    }
    try {
      demo.start();
    } catch (org.rehabtelemetry.testsupport.MissingBinaryException e) {
      spec.commandLine()
          .getErr()
          .println(
              "cannot start the secure demo: " + e.getMessage() + " (run scripts/install-deps)");
      return 1;
    } catch (BindException e) {
      spec.commandLine()
          .getErr()
          .println(
              "cannot start the demo: port "
                  + port
                  + " is in use (another demo running? choose one with --port)");
      return 1;
    }
    StringBuilder banner = new StringBuilder();
    banner.append("\nrehab-telemetry demo is running (state in ").append(state).append(")\n");
    banner.append("  dashboard : ").append(demo.dashboardUrl()).append('\n');
    banner.append("  login     : operator / ").append(demo.password()).append('\n');
    banner.append("  broker    : ").append(demo.broker()).append('\n');
    banner.append("  storage   : ").append(demo.storage()).append('\n');
    for (SimulatedDevice device : demo.devices()) {
      banner
          .append("  device    : ")
          .append(device.deviceId())
          .append(" (")
          .append(device.profile().kind().wireName())
          .append("), touch UI http://")
          .append(device.uiAddress())
          .append("/\n");
    }
    banner.append("Press Ctrl-C to stop.\n");
    out.print(banner);
    out.flush();
    stopped.await();
    return 0;
  }
}
