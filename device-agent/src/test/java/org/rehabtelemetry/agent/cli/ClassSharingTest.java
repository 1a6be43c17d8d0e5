package org.rehabtelemetry.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassSharingTest {
  private static final String JDK =
      "800000000-800c00000 rw-p 00001000 fe:01 1 /usr/lib/jvm/java-17-openjdk-arm64/lib/server/classes.jsa";
  private static final String AGENT =
      "7f5b51000000-7f5b51e41000 rw-p 00001000 fe:01 2 /var/cache/rehab-telemetry/agent.jsa";

  @TempDir Path dir;

  @Test
  void saysWhichArchiveIsMapped() throws Exception {
    assertEquals(
        "class sharing: the agent's archive /var/cache/rehab-telemetry/agent.jsa is mapped",
        describe(AGENT, AGENT, "7f00-7f01 r-xp 0 fe:01 3 /usr/lib/x86_64-linux-gnu/libc.so.6"));
    assertTrue(describe(JDK).contains("only the JDK's archive"), describe(JDK));
    assertTrue(describe("7f00-7f01 rw-p 0 00:00 0").contains("no archive"));
    assertTrue(
        ClassSharing.describe(dir.resolve("absent")).startsWith("class sharing: cannot tell"));
  }

  private String describe(String... lines) throws Exception {
    Path maps = dir.resolve("maps");
    Files.write(maps, java.util.List.of(lines));
    return ClassSharing.describe(maps);
  }
}
