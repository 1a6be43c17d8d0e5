package org.rehabtelemetry.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent package's make-class-archive, as its postinst runs it: it makes an archive that the JVM
 * maps and verifies with the unit's own options, names it in agent-jvm.env only then, leaves no
 * half-written file and no class of the list unfound; and when it cannot make one it removes the
 * old archive and agent-jvm.env and says why, so the agent runs with the JDK's archive rather than
 * with none.
 */
class ClassArchiveIT {
  @TempDir Path dir;

  @Test
  void makesAnArchiveTheUnitsJvmMaps_andWhenItCannot_namesNone() throws Exception {
    Path root = dir.resolve("root");
    Debs.ok("dpkg-deb", "-x", Debs.deb("agent").toString(), root.toString());
    Path archive = dir.resolve("cache/agent.jsa");
    Path env = dir.resolve("cache/agent-jvm.env");

    Debs.Result made = Debs.makeClassArchive(root, archive);
    assertEquals(0, made.exitCode(), made.output());
    assertTrue(made.output().contains("class archive " + archive + " made by"), made.output());
    assertTrue(Files.size(archive) > 10_000_000, "an archive of " + Files.size(archive) + " bytes");
    assertEquals(
        "RT_AGENT_CLASS_ARCHIVE=-XX:SharedArchiveFile=" + archive + " -XX:+VerifySharedSpaces\n",
        Files.readString(env));
    try (var files = Files.list(archive.getParent())) {
      assertEquals(
          List.of(".make-class-archive.lock", "agent-jvm.env", "agent.jsa", "agent.jsa.log"),
          files.map(f -> f.getFileName().toString()).sorted().toList(),
          "nothing half-written is left");
    }
    String log = Files.readString(Path.of(archive + ".log"));
    assertFalse(log.contains("Cannot find"), "every class of the list was found:\n" + log);

    // The unit's JVM options with the archive named as systemd names it, and -Xshare:on: the JVM
    // refuses to start unless it maps the archive (and verifies its checksums).
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Debs.agentJvmOptions(root, env));
    command.addAll(
        List.of(
            "-Xshare:on",
            "-cp",
            root.resolve("usr/share/rehab-telemetry/device-agent.jar").toString(),
            "-version"));
    assertTrue(command.contains("-XX:SharedArchiveFile=" + archive), command.toString());
    Debs.Result mapped = Debs.run(command);
    assertEquals(0, mapped.exitCode(), command + "\n" + mapped.output());

    // A class list that cannot be read: no archive, nothing named, and the reason said.
    Files.delete(root.resolve("usr/share/rehab-telemetry/agent.classlist"));
    Debs.Result failed = Debs.makeClassArchive(root, archive);
    assertEquals(1, failed.exitCode(), failed.output());
    assertTrue(
        failed.output().contains("no class archive: the JVM could not dump it"), failed.output());
    assertFalse(Files.exists(archive), "the old archive is removed");
    assertFalse(Files.exists(env), "no archive is named to the agent");
    assertFalse(
        Debs.agentJvmOptions(root, env).stream().anyMatch(o -> o.contains("SharedArchiveFile")),
        "the unit's JVM then gets no archive option, and keeps the JDK's archive");
  }
}
