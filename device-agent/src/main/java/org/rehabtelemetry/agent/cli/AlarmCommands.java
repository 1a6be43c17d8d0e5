package org.rehabtelemetry.agent.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code alarm ack ALARM_ID}, {@code alarm pause-sound}, {@code alarm sound-on}. */
@Command(
    name = "alarm",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Acknowledge an alarm on the device, or pause its sound (AUDIO PAUSED).",
    subcommands = {
      AlarmCommands.Ack.class,
      AlarmCommands.PauseSound.class,
      AlarmCommands.SoundOn.class
    })
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

  @Command(
      name = "pause-sound",
      mixinStandardHelpOptions = true,
      description =
          "AUDIO PAUSED: silence the alarms sounding now for the configured time (2 min by"
              + " default); a new alarm ends the pause.")
  static final class PauseSound implements Callable<Integer> {
    @Mixin ApiClient client;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return client.post(
          "/api/alarms/audio-pause",
          Map.of("reason", "CLI"),
          spec.commandLine().getOut(),
          spec.commandLine().getErr());
    }
  }

  @Command(
      name = "sound-on",
      mixinStandardHelpOptions = true,
      description = "End AUDIO PAUSED early: what still needs sound sounds again.")
  static final class SoundOn implements Callable<Integer> {
    @Mixin ApiClient client;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return client.post(
          "/api/alarms/audio-resume",
          Map.of(),
          spec.commandLine().getOut(),
          spec.commandLine().getErr());
    }
  }
}
