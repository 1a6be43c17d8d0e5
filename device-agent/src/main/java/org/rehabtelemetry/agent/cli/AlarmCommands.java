package org.rehabtelemetry.agent.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code alarm ack ALARM_ID}, {@code alarm pause-sound}, {@code alarm sound-on}, {@code alarm
 * pause-alarms}, {@code alarm alarms-on}.
 */
@Command(
    name = "alarm",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description =
        "Acknowledge an alarm on the device, pause its sound (AUDIO PAUSED) or, briefly, its"
            + " medium and low alarms (ALARM PAUSED).",
    subcommands = {
      AlarmCommands.Ack.class,
      AlarmCommands.PauseSound.class,
      AlarmCommands.SoundOn.class,
      AlarmCommands.PauseAlarms.class,
      AlarmCommands.AlarmsOn.class
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

  /** A command that posts one fixed request to the agent's control API. */
  abstract static class Post implements Callable<Integer> {
    @Mixin ApiClient client;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    private final String path;
    private final Map<String, String> body;

    Post(String path, Map<String, String> body) {
      this.path = path;
      this.body = body;
    }

    @Override
    public Integer call() {
      return client.post(path, body, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
  }

  @Command(
      name = "pause-sound",
      mixinStandardHelpOptions = true,
      description =
          "AUDIO PAUSED: silence the alarms sounding now for the configured time (2 min by"
              + " default); a new alarm ends the pause.")
  static final class PauseSound extends Post {
    PauseSound() {
      super("/api/alarms/audio-pause", Map.of("reason", "CLI"));
    }
  }

  @Command(
      name = "sound-on",
      mixinStandardHelpOptions = true,
      description = "End AUDIO PAUSED early: what still needs sound sounds again.")
  static final class SoundOn extends Post {
    SoundOn() {
      super("/api/alarms/audio-resume", Map.of());
    }
  }

  @Command(
      name = "pause-alarms",
      mixinStandardHelpOptions = true,
      description =
          "ALARM PAUSED: medium and low alarms show no light or sound on the device for the"
              + " configured time (60 s by default). Refused while a high-priority alarm is active"
              + " or the operator cannot see the device; the operator's dashboard is never paused.")
  static final class PauseAlarms extends Post {
    PauseAlarms() {
      super("/api/alarms/alarm-pause", Map.of("reason", "CLI"));
    }
  }

  @Command(
      name = "alarms-on",
      mixinStandardHelpOptions = true,
      description = "End ALARM PAUSED early: every alarm shows and sounds again.")
  static final class AlarmsOn extends Post {
    AlarmsOn() {
      super("/api/alarms/alarm-resume", Map.of());
    }
  }
}
