package org.rehabtelemetry.agent.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's class data sharing archive, made for a benchmark as the package makes it on a device:
 * by the packaged {@code make-class-archive} from the packaged class list and the agent's jar, with
 * this JVM. The unit's {@code -XX:SharedArchiveFile} option is pointed at it.
 */
final class ClassArchive {
  static final String OPTION = "-XX:SharedArchiveFile=";

  private ClassArchive() {}

  /**
   * The unit's options with its archive made in {@code dir} and named instead of the device's path.
   * Blocks while the JVM dumps it (about 5 s). If it cannot be made the option stays, naming a file
   * that does not exist: the JVM then runs without an archive, as a device would, and the bench
   * says so ({@link #mapped}).
   */
  static List<String> made(List<String> unitOptions, Path files, Path agentJar, Path dir)
      throws IOException, InterruptedException {
    List<String> options = new ArrayList<>();
    for (String option : unitOptions) {
      if (!option.startsWith(OPTION)) {
        options.add(option);
        continue;
      }
      Path archive = dir.resolve("agent.jsa");
      ProcessBuilder make =
          new ProcessBuilder("sh", files.resolve("make-class-archive").toString())
              .redirectErrorStream(true);
      make.environment()
          .put("RT_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
      make.environment().put("RT_AGENT_JAR", agentJar.toString());
      make.environment().put("RT_CLASS_LIST", files.resolve("agent.classlist").toString());
      make.environment().put("RT_CLASS_ARCHIVE", archive.toString());
      Process process = make.start();
      String said = new String(process.getInputStream().readAllBytes(), UTF_8).strip();
      System.out.println("  " + said);
      options.add(process.waitFor() == 0 ? OPTION + archive : option);
    }
    return options;
  }

  /** Whether the process maps a class archive made here (a {@code .jsa} other than the JDK's). */
  static boolean mapped(Process process, Path dir) throws IOException {
    return Files.readString(Path.of("/proc", Long.toString(process.pid()), "maps"), UTF_8)
        .contains(dir.resolve("agent.jsa").toString());
  }
}
