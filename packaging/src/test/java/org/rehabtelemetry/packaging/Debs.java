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

  /** Runs a command that must succeed; returns its output. */
  static String ok(String... command) throws IOException, InterruptedException {
    Result result = run(List.of(command));
    if (result.exitCode() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed:\n" + result.output());
    }
    return result.output();
  }
}
