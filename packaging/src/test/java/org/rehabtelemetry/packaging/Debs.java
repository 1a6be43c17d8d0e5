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
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(command + " did not finish in 120 s");
    }
    return new Result(process.exitValue(), output);
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
