package org.rehabtelemetry.agent.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code estop reset}: the therapist's deliberate reset, refused while the stop is pressed. */
@Command(
    name = "estop",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Reset the latched emergency stop.",
    subcommands = EstopCommands.Reset.class)
final class EstopCommands {
  @Command(name = "reset", mixinStandardHelpOptions = true, description = "Reset the e-stop.")
  static final class Reset implements Callable<Integer> {
    @Mixin ApiClient client;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return client.post(
          "/api/estop/reset", Map.of(), spec.commandLine().getOut(), spec.commandLine().getErr());
    }
  }
}
