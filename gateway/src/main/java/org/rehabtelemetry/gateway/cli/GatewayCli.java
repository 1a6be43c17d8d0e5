package org.rehabtelemetry.gateway.cli;

import org.rehabtelemetry.config.cli.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The gateway's command line:
 *
 * <pre>
 * gateway run --config gateway.yaml     run the gateway (until SIGTERM)
 * gateway hash-password                 asks for a password, prints its hash for the config
 * gateway provision device|gateway|revoke|list   broker accounts (docs/security.md)
 * gateway export --url U --user O --password-file F ...   a record as FHIR JSON or PDF
 * </pre>
 *
 * Exit codes: 0 after a clean stop, 1 when it cannot start, 2 for bad usage or a bad config. {@code
 * --help} and {@code --version} work on every command.
 */
@Command(
    name = "gateway",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "The rehab-telemetry gateway.",
    subcommands = {
      RunCommand.class,
      HashPasswordCommand.class,
      ProvisionCommand.class,
      ExportCommand.class
    })
public final class GatewayCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(CommandLines.execute(new GatewayCli(), args));
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed");
  }
}
