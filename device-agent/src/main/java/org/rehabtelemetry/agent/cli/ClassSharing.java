package org.rehabtelemetry.agent.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Which class data sharing archives this JVM mapped, read from {@code /proc/self/maps}: the package
 * makes one for the agent (make-class-archive), and without it the agent uses several MiB more
 * memory, which nothing else would show (docs/device-agent.md, "Figures"). Linux only; elsewhere it
 * says it cannot tell.
 */
final class ClassSharing {
  private ClassSharing() {}

  /** One line for the start-up log. Blocks briefly (reads a small /proc file). */
  static String describe() {
    return describe(Path.of("/proc/self/maps"));
  }

  static String describe(Path maps) {
    List<String> archives;
    try {
      archives =
          Files.readAllLines(maps, StandardCharsets.UTF_8).stream()
              .map(line -> line.substring(line.lastIndexOf(' ') + 1))
              .filter(path -> path.endsWith(".jsa"))
              .distinct()
              .toList();
    } catch (IOException | RuntimeException e) {
      return "class sharing: cannot tell (" + e.getMessage() + ")";
    }
    List<String> own = archives.stream().filter(p -> !p.contains("/lib/server/")).toList();
    if (!own.isEmpty()) {
      return "class sharing: the agent's archive " + String.join(", ", own) + " is mapped";
    }
    if (!archives.isEmpty()) {
      return "class sharing: only the JDK's archive is mapped, not the agent's (it uses more"
          + " memory; make it with make-class-archive)";
    }
    return "class sharing: no archive is mapped (the agent uses more memory)";
  }
}
