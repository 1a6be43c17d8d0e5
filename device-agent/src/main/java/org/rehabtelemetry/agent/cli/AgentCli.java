package org.rehabtelemetry.agent.cli;

import org.rehabtelemetry.config.cli.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The agent's command line:
 *
 * <pre>
 * device-agent run --config agent.yaml         run the agent (until SIGTERM)
 * device-agent check-hardware --config FILE    what the board has against what the profile wires
 * device-agent session start --patient P-7F3A --programme standing [--set targetTiltDeg=60 ...]
 * device-agent session arm ...                 the same, for the device's start button
 * device-agent session pause|resume|stop [--reason TEXT]
 * device-agent session status
 * device-agent alarm ack ALARM_ID
 * device-agent estop reset
 * </pre>
 *
 * The commands other than {@code run} and {@code check-hardware} talk to the running agent's
 * control API ({@code --api 127.0.0.1:8088} by default). Exit codes: 0 done, 1 refused or failed
 * (the reason is printed), 2 bad usage or a bad config. {@code --help} and {@code --version} work
 * on every command.
 */
@Command(
    name = "device-agent",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "The rehab-telemetry device agent.",
    subcommands = {
      RunCommand.class,
      CheckHardwareCommand.class,
      SessionCommands.class,
      AlarmCommands.class,
      EstopCommands.class
    })
public final class AgentCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line; returns the exit code. */
  public static int execute(String... args) {
    return CommandLines.execute(new AgentCli(), args);
  }

  /** Runs a command line with its output captured (tests); returns the exit code. */
  public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    return CommandLines.execute(new AgentCli(), out, err, args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed");
  }
}
