package org.rehabtelemetry.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a {@code main} class of the code under test as a child JVM on the test's own classpath, so
 * a test can kill it with SIGKILL as a power cut or a crash would. Output goes to a log file
 * (appended, so a restart keeps the earlier run's lines).
 */
public final class JavaMains {
  private JavaMains() {}

  /** Starts {@code mainClass args} with its stdout and stderr appended to {@code log}. */
  public static Process start(Class<?> mainClass, Path log, String... args) throws IOException {
    return start(mainClass, log, List.of(), args);
  }

  /**
   * Starts {@code mainClass} in a child JVM on this JVM's class path, with {@code jvmOptions} (such
   * as {@code -Xmx128m}), its output appended to {@code log}.
   */
  public static Process start(Class<?> mainClass, Path log, List<String> jvmOptions, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }
}
