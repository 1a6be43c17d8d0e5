package org.rehabtelemetry.agent.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A systemd unit's JVM: the options between {@code java} and {@code -jar} on its {@code ExecStart}
 * line, and its {@code Environment=} assignments. So a benchmark runs the JVM as the package does.
 */
record UnitOptions(List<String> jvmOptions, Map<String, String> environment) {
  static UnitOptions read(Path unit) throws IOException {
    List<String> options = new ArrayList<>();
    Map<String, String> environment = new LinkedHashMap<>();
    for (String line : Files.readAllLines(unit, StandardCharsets.UTF_8)) {
      if (line.startsWith("ExecStart=")) {
        String[] words = line.substring("ExecStart=".length()).trim().split("\\s+");
        for (int i = 1; i < words.length && !words[i].equals("-jar"); i++) {
          options.add(words[i]);
        }
      } else if (line.startsWith("Environment=")) {
        String assignment = line.substring("Environment=".length()).trim();
        int eq = assignment.indexOf('=');
        environment.put(assignment.substring(0, eq), assignment.substring(eq + 1));
      }
    }
    if (options.isEmpty()) {
      throw new IllegalStateException("no JVM options on the ExecStart line of " + unit);
    }
    return new UnitOptions(options, environment);
  }
}
