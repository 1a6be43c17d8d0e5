package org.rehabtelemetry.simulator.cli;

import org.rehabtelemetry.config.cli.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The simulator's command line:
 *
 * <pre>
 * simulator demo     broker, gateway, store, dashboard and one agent per device kind
 * simulator traces   list | write NAME FILE | write-all DIR
 * simulator device   one agent on simulated hardware replaying one trace
 * simulator fleet    N virtual devices on the wire protocol, for load
 * </pre>
 *
 * Exit codes: 0 done, 1 failed (the reason is printed), 2 bad usage. {@code --help} works on every
 * command.
 */
@Command(
    name = "simulator",
    mixinStandardHelpOptions = true,
    version = "rehab-telemetry simulator 0.2.0",
    description = "Simulated hardware, trace replay, fleet load and the one-command demo.",
    subcommands = {DemoCommand.class, TracesCommand.class, DeviceCommand.class, FleetCommand.class})
public final class SimulatorCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line; returns the exit code. */
  public static int execute(String... args) {
    return CommandLines.execute(new SimulatorCli(), args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed");
  }
}
