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
 * this JVM. The unit names it through {@code $RT_AGENT_CLASS_ARCHIVE} from the {@code
 * agent-jvm.env} the script writes; the bench reads that file as systemd would.
 */
final class ClassArchive {
  static final String VARIABLE = "$RT_AGENT_CLASS_ARCHIVE";

  private ClassArchive() {}

  /**
   * The unit's options with {@link #VARIABLE} replaced as systemd would replace it once the
   * package's script has made the archive in {@code dir}. Blocks while the JVM dumps it (about 5
   * s). If it cannot be made the variable expands to nothing, as on a device, and the bench says so
   * ({@link #mapped}).
   */
  static List<String> made(List<String> unitOptions, Path files, Path agentJar, Path dir)
      throws IOException, InterruptedException {
    List<String> options = new ArrayList<>();
    for (String option : unitOptions) {
      if (!option.equals(VARIABLE)) {
        options.add(option);
        continue;
      }
      ProcessBuilder make =
          new ProcessBuilder("sh", files.resolve("make-class-archive").toString())
              .redirectErrorStream(true);
      make.environment()
          .put("RT_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
      make.environment().put("RT_AGENT_JAR", agentJar.toString());
      make.environment().put("RT_CLASS_LIST", files.resolve("agent.classlist").toString());
      make.environment().put("RT_CLASS_ARCHIVE", dir.resolve("agent.jsa").toString());
      Process process = make.start();
      String said = new String(process.getInputStream().readAllBytes(), UTF_8).strip();
      System.out.println("  " + said);
      process.waitFor();
      Path env = dir.resolve("agent-jvm.env");
      if (Files.exists(env)) {
        String line = Files.readString(env, UTF_8).strip();
        options.addAll(List.of(line.substring(line.indexOf('=') + 1).split("\\s+")));
      }
    }
    return options;
  }

  /** Whether the process maps the archive made here. */
  static boolean mapped(Process process, Path dir) throws IOException {
    return Files.readString(Path.of("/proc", Long.toString(process.pid()), "maps"), UTF_8)
        .contains(dir.resolve("agent.jsa").toString());
  }
}
