package org.rehabtelemetry.agent.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code alarm ack ALARM_ID}. */
@Command(
    name = "alarm",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Acknowledge an alarm on the device.",
    subcommands = AlarmCommands.Ack.class)
final class AlarmCommands {
  @Command(name = "ack", mixinStandardHelpOptions = true, description = "Acknowledge an alarm.")
  static final class Ack implements Callable<Integer> {
    @Mixin ApiClient client;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "ALARM_ID", description = "The alarm's id, e.g. A-b7c1e0d2-3.")
    String alarmId;

    @Override
    public Integer call() {
      return client.post(
          "/api/alarms/ack",
          Map.of("alarmId", alarmId),
          spec.commandLine().getOut(),
          spec.commandLine().getErr());
    }
  }
}
