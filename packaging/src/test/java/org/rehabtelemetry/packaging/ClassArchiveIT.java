package org.rehabtelemetry.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent package's make-class-archive, as its postinst runs it: it makes an archive this JVM
 * maps for the packaged jar, leaves no half-written file, and when it cannot make one it removes
 * the old one and says why, so the agent runs without an archive rather than with a wrong one.
 */
class ClassArchiveIT {
  @TempDir Path dir;

  @Test
  void makesAnArchiveTheJvmMaps_andWhenItCannot_leavesNone() throws Exception {
    Path root = dir.resolve("root");
    Debs.ok("dpkg-deb", "-x", Debs.deb("agent").toString(), root.toString());
    Path archive = dir.resolve("cache/agent.jsa");

    Debs.Result made = Debs.makeClassArchive(root, archive);
    assertEquals(0, made.exitCode(), made.output());
    assertTrue(made.output().contains("class archive " + archive + " made by"), made.output());
    assertTrue(Files.size(archive) > 10_000_000, "an archive of " + Files.size(archive) + " bytes");
    assertFalse(Files.exists(Path.of(archive + ".new")), "no half-written archive is left");
    // -Xshare:on: the JVM refuses to start unless it maps the archive.
    Path jar = root.resolve("usr/share/rehab-telemetry/device-agent.jar");
    Debs.Result mapped =
        Debs.run(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:on",
                "-XX:SharedArchiveFile=" + archive,
                "-cp",
                jar.toString(),
                "-version"));
    assertEquals(0, mapped.exitCode(), mapped.output());

    // A class list that cannot be read: no archive, the old one gone, and the reason said.
    Files.delete(root.resolve("usr/share/rehab-telemetry/agent.classlist"));
    Debs.Result failed = Debs.makeClassArchive(root, archive);
    assertEquals(1, failed.exitCode(), failed.output());
    assertTrue(
        failed.output().contains("no class archive: the JVM could not dump it"), failed.output());
    assertFalse(Files.exists(archive), "the old archive is removed");
    assertFalse(Files.exists(Path.of(archive + ".new")), "no half-written archive is left");
  }
}
