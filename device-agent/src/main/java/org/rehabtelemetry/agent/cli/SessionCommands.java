package org.rehabtelemetry.agent.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code session start|arm|pause|resume|stop|status}, through the running agent's API. */
@Command(
    name = "session",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Start, arm, pause, resume or stop a session, or show the agent's status.",
    subcommands = {
      SessionCommands.Start.class,
      SessionCommands.Arm.class,
      SessionCommands.Pause.class,
      SessionCommands.Resume.class,
      SessionCommands.Stop.class,
      SessionCommands.Status.class
    })
final class SessionCommands {
  /** What start and arm share. */
  static class Setup {
    @Mixin ApiClient client;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--patient", required = true, description = "Pseudonymous code, e.g. P-7F3A.")
    String patient;

    @Option(names = "--programme", required = true, description = "A programme of the profile.")
    String programme;

    @Option(names = "--set", description = "A setting, KEY=NUMBER (repeatable).")
    Map<String, Double> settings = new LinkedHashMap<>();

    @Option(
        names = "--limits",
        description = "A preset of per-patient alarm limits from the profile, e.g. 5-12y.")
    String limitPreset;

    @Option(
        names = "--limit",
        description = "A per-patient alarm limit, CODE=NUMBER, e.g. HR_HIGH=130 (repeatable).")
    Map<String, Double> limits = new LinkedHashMap<>();

    Map<String, Object> body() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("patientCode", patient);
      body.put("programme", programme);
      body.put("reason", "cli");
      body.put("settings", settings);
      body.put("limits", limits);
      if (limitPreset != null) {
        body.put("limitPreset", limitPreset);
      }
      return body;
    }
  }

  @Command(name = "start", mixinStandardHelpOptions = true, description = "Start a session.")
  static final class Start extends Setup implements Callable<Integer> {
    @Override
    public Integer call() {
      return client.post(
          "/api/session/start", body(), spec.commandLine().getOut(), spec.commandLine().getErr());
    }
  }

  @Command(
      name = "arm",
      mixinStandardHelpOptions = true,
      description = "Prepare a session for the device's start button.")
  static final class Arm extends Setup implements Callable<Integer> {
    @Override
    public Integer call() {
      return client.post(
          "/api/session/arm", body(), spec.commandLine().getOut(), spec.commandLine().getErr());
    }
  }

  /** What pause, resume and stop share. */
  static class Change {
    @Mixin ApiClient client;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--reason", defaultValue = "cli", description = "Why, in a few words.")
    String reason;

    int send(String action) {
      return client.post(
          "/api/session/" + action,
          Map.of("reason", reason),
          spec.commandLine().getOut(),
          spec.commandLine().getErr());
    }
  }

  @Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause the session.")
  static final class Pause extends Change implements Callable<Integer> {
    @Override
    public Integer call() {
      return send("pause");
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume the session.")
  static final class Resume extends Change implements Callable<Integer> {
    @Override
    public Integer call() {
      return send("resume");
    }
  }

  @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the session.")
  static final class Stop extends Change implements Callable<Integer> {
    @Override
    public Integer call() {
      return send("stop");
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "The agent's status.")
  static final class Status implements Callable<Integer> {
    @Mixin ApiClient client;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return client.get("/api/status", spec.commandLine().getOut(), spec.commandLine().getErr());
    }
  }
}
