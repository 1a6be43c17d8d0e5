package org.rehabtelemetry.packaging;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The packages this module built, and the Debian tools that look at them. */
final class Debs {
  static final String VERSION = "0.2.0";

  private Debs() {}

  /** {@code target/rehab-telemetry-KIND_VERSION_all.deb}, which must exist (built at package). */
  static Path deb(String kind) {
    Path deb = Path.of("target", "rehab-telemetry-" + kind + "_" + VERSION + "_all.deb");
    if (!Files.isRegularFile(deb)) {
      throw new IllegalStateException(deb.toAbsolutePath() + " is missing: run the package phase");
    }
    return deb;
  }

  /** What a command printed (stdout and stderr), and its exit code. */
  record Result(int exitCode, String output) {}

  static Result run(List<String> command) throws IOException, InterruptedException {
    return run(command, java.util.Map.of());
  }

  /** Runs a command with {@code environment} added to this process's. */
  static Result run(List<String> command, java.util.Map<String, String> environment)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(command + " did not finish in 120 s");
    }
    return new Result(process.exitValue(), output);
  }

  /**
   * Runs the package's make-class-archive from the package unpacked at {@code root}, with this
   * test's JVM, writing {@code archive}.
   */
  static Result makeClassArchive(Path root, Path archive) throws IOException, InterruptedException {
    return run(
        List.of("sh", root.resolve("usr/lib/rehab-telemetry/make-class-archive").toString()),
        java.util.Map.of(
            "RT_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "RT_AGENT_JAR", root.resolve("usr/share/rehab-telemetry/device-agent.jar").toString(),
            "RT_CLASS_LIST", root.resolve("usr/share/rehab-telemetry/agent.classlist").toString(),
            "RT_CLASS_ARCHIVE", archive.toString()));
  }

  /**
   * The JVM options of the agent's unit in the package unpacked at {@code root}: the words between
   * {@code java} and {@code -jar} on its ExecStart line, with {@code $RT_AGENT_CLASS_ARCHIVE}
   * expanded from {@code env} as systemd does (to nothing if the file does not exist).
   */
  static List<String> agentJvmOptions(Path root, Path env) throws IOException {
    List<String> options = new java.util.ArrayList<>();
    for (String line :
        Files.readAllLines(
            root.resolve("lib/systemd/system/rehab-telemetry-agent.service"), UTF_8)) {
      if (!line.startsWith("ExecStart=")) {
        continue;
      }
      String[] words = line.substring("ExecStart=".length()).trim().split("\\s+");
      for (int i = 1; i < words.length && !words[i].equals("-jar"); i++) {
        if (!words[i].equals("$RT_AGENT_CLASS_ARCHIVE")) {
          options.add(words[i]);
        } else if (Files.exists(env)) {
          String assignment = Files.readString(env, UTF_8).strip();
          options.addAll(List.of(assignment.substring(assignment.indexOf('=') + 1).split("\\s+")));
        }
      }
    }
    return options;
  }

  /** Runs a command that must succeed; returns its output. */
  static String ok(String... command) throws IOException, InterruptedException {
    Result result = run(List.of(command));
    if (result.exitCode() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed:\n" + result.output());
    }
    return result.output();
  }
}
