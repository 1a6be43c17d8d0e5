package org.rehabtelemetry.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One run of an external program whose stdout and stderr go to a log file.
 *
 * <p>Not thread-safe: one test thread drives it.
 */
final class ChildProcess {
  private static final Duration POLL = Duration.ofMillis(20);

  private final String name;
  private final List<String> command;
  private final Path log;
  private Process process;

  ChildProcess(String name, List<String> command, Path log) {
    this.name = name;
    this.command = List.copyOf(command);
    this.log = log;
  }

  /**
   * Starts the program and blocks until {@code ready} holds or {@code timeout} passes.
   *
   * @throws ServerStartException if the program exits or is not ready in time, with its log tail
   */
  void start(BooleanSupplier ready, Duration timeout) {
    if (isAlive()) {
      throw new IllegalStateException(name + " is already running");
    }
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name + ": " + command, e);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!ready.getAsBoolean()) {
      if (!process.isAlive()) {
        throw new ServerStartException(
            name
                + " exited with code "
                + process.exitValue()
                + " before it was ready."
                + logTail());
      }
      if (System.nanoTime() > deadline) {
        kill();
        throw new ServerStartException(
            name + " was not ready within " + timeout.toMillis() + " ms." + logTail());
      }
      pause();
    }
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** Sends SIGTERM and waits up to 10 s, then SIGKILL. Blocks until the process is gone. */
  void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
  }

  /** Sends SIGKILL, as a crash or power cut would, and waits until the process is gone. */
  void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  long pid() {
    return process.pid();
  }

  /** The last lines of the log, for error messages. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      List<String> tail = lines.subList(Math.max(0, lines.size() - 20), lines.size());
      return "\n--- last lines of " + log + " ---\n" + String.join("\n", tail);
    } catch (IOException e) {
      return "\n(no log at " + log + ")";
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServerStartException("interrupted while waiting for a server to start");
    }
  }
}
