package org.rehabtelemetry.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Accessibility checks with axe-core (from npm; {@code scripts/install-deps} puts it in {@code
 * ~/.cache/rehab-telemetry/axe}, {@code AXE_DIR} overrides): injects it into a page open in
 * headless Chromium and runs the WCAG 2 A and AA rules. Blocks for the run (about a second).
 */
public final class Axe {
  private Axe() {}

  /** axe-core's script, read from where install-deps put it. */
  static String script() {
    String dir = System.getenv("AXE_DIR");
    Path base =
        dir != null && !dir.isBlank()
            ? Path.of(dir)
            : Path.of(System.getProperty("user.home"), ".cache", "rehab-telemetry", "axe");
    Path file = base.resolve("node_modules/axe-core/axe.min.js");
    if (!Files.isReadable(file)) {
      throw new MissingBinaryException(
          "axe-core is not at " + file + ": run scripts/install-deps (it fetches it with npm)");
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The WCAG 2 A/AA violations on the page as it is now, one line each: rule, impact, how many
   * elements and the first element's selector. Empty when there are none.
   */
  public static List<String> violations(DevToolsPage page) {
    if (!page.evaluate("typeof window.axe === 'object'").asBoolean()) {
      page.evaluate(script());
    }
    JsonNode result =
        page.evaluate(
            "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}})"
                + ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact,"
                + " nodes: v.nodes.length, target: String(v.nodes[0] && v.nodes[0].target),"
                + " summary: v.nodes[0] && v.nodes[0].failureSummary})))");
    List<String> violations = new ArrayList<>();
    for (JsonNode violation : result) {
      violations.add(
          violation.path("id").asText()
              + " ("
              + violation.path("impact").asText()
              + ", "
              + violation.path("nodes").asInt()
              + " elements, first "
              + violation.path("target").asText()
              + "): "
              + violation.path("summary").asText().replace('\n', ' '));
    }
    return violations;
  }
}
