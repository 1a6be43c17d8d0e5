package org.rehabtelemetry.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Debian packages as Debian's tools see them: control fields, files and modes, conffiles;
 * lintian finds no error; systemd accepts the units and rates their exposure at 3.0 or less; the
 * agent's jar carries Pi4J's gpiod and linuxfs plugins and jssc's ARM natives, and not the mock.
 */
class PackageContentsIT {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"agent", "gateway"})
  void controlFields_files_andConffiles(String kind) throws Exception {
    Path deb = Debs.deb(kind);
    String field = Debs.ok("dpkg-deb", "-f", deb.toString(), "Package", "Architecture", "Depends");
    assertTrue(field.contains("Package: rehab-telemetry-" + kind), field);
    assertTrue(field.contains("Architecture: all"), field);
    assertTrue(field.contains("openjdk-17-jre-headless"), field);

    String files = Debs.ok("dpkg-deb", "-c", deb.toString());
    String jar = kind.equals("agent") ? "device-agent.jar" : "gateway.jar";
    for (String expected :
        List.of(
            "-rw-r--r-- root/root .* ./usr/share/rehab-telemetry/" + jar,
            "-rw-r--r-- root/root .* ./etc/rehab-telemetry/" + kind + ".yaml",
            "-rw-r--r-- root/root .* ./lib/systemd/system/rehab-telemetry-" + kind + ".service",
            "-rwxr-xr-x root/root .* ./usr/bin/rehab-telemetry-" + kind,
            "./usr/share/doc/rehab-telemetry-" + kind + "/copyright",
            "./usr/share/doc/rehab-telemetry-" + kind + "/changelog.gz",
            "./usr/share/doc/rehab-telemetry-" + kind + "/THIRD-PARTY.txt",
            "./usr/share/doc/rehab-telemetry-" + kind + "/README.md")) {
      assertTrue(Pattern.compile(expected).matcher(files).find(), expected + " in\n" + files);
    }
    assertEquals(
        "/etc/rehab-telemetry/" + kind + ".yaml\n",
        Debs.ok("dpkg-deb", "-I", deb.toString(), "conffiles"));
    if (kind.equals("agent")) {
      for (String expected :
          List.of(
              "-rw-r--r-- root/root .* ./usr/share/rehab-telemetry/agent.classlist",
              "-rwxr-xr-x root/root .* ./usr/lib/rehab-telemetry/make-class-archive")) {
        assertTrue(Pattern.compile(expected).matcher(files).find(), expected + " in\n" + files);
      }
      assertTrue(
          Debs.ok("dpkg-deb", "-I", deb.toString(), "triggers")
              .contains("interest-noawait /usr/lib/jvm"),
          "a JDK upgrade makes the class archive again");
    }
    String postinst = Debs.ok("dpkg-deb", "-I", deb.toString(), "postinst");
    assertTrue(postinst.contains("adduser --system"), "creates the rehab user");
    assertTrue(postinst.contains("for group in dialout gpio i2c"), "in the device groups");
  }

  @ParameterizedTest
  @ValueSource(strings = {"agent", "gateway"})
  void lintianFindsNoError(String kind) throws Exception {
    // The java check is left out (-X languages/java): it only reads the class-file versions of the
    // bundled jars (Jackson's Java 22 multi-release classes are its one finding) and triples the
    // run time. Everything else lintian checks runs.
    Debs.Result lintian =
        Debs.run(
            List.of(
                "lintian",
                "-X",
                "languages/java",
                "--fail-on",
                "error",
                "--tag-display-limit",
                "0",
                Debs.deb(kind).toString()));
    System.out.println("lintian rehab-telemetry-" + kind + ":\n" + lintian.output());
    assertEquals(0, lintian.exitCode(), lintian.output());
    assertFalse(
        lintian.output().lines().anyMatch(line -> line.startsWith("E: ")), lintian.output());
  }

  @ParameterizedTest
  @ValueSource(strings = {"agent", "gateway"})
  void systemdAcceptsTheUnit_andRatesItsExposureAtMost3(String kind) throws Exception {
    Debs.ok("dpkg-deb", "-x", Debs.deb(kind).toString(), dir.toString());
    Path unit = dir.resolve("lib/systemd/system/rehab-telemetry-" + kind + ".service");
    Debs.Result verify =
        Debs.run(List.of("systemd-analyze", "verify", "--man=no", unit.toString()));
    assertEquals(0, verify.exitCode(), verify.output());
    String security = Debs.ok("systemd-analyze", "security", "--offline=true", unit.toString());
    Matcher level =
        Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d+)").matcher(security);
    assertTrue(level.find(), security);
    double exposure = Double.parseDouble(level.group(1));
    System.out.printf(
        "systemd-analyze security rehab-telemetry-%s.service: exposure %.1f (target <= 3.0)%n",
        kind, exposure);
    assertTrue(exposure <= 3.0, security);
  }

  /**
   * Every class the packaged class list names is in the agent's jar or the JDK: a list that names
   * classes the agent no longer has archives less and less. Regenerate it with
   * scripts/agent-class-list.
   */
  @Test
  void theClassList_namesOnlyClassesOfTheJarOrTheJdk() throws Exception {
    Debs.ok("dpkg-deb", "-x", Debs.deb("agent").toString(), dir.toString());
    List<String> listed =
        java.nio.file.Files.readAllLines(dir.resolve("usr/share/rehab-telemetry/agent.classlist"))
            .stream()
            .filter(line -> !line.isBlank() && !line.startsWith("#") && !line.startsWith("@"))
            .map(line -> line.split(" ")[0])
            .toList();
    assertTrue(listed.size() > 3000, "the list names " + listed.size() + " classes");
    try (ZipFile jar =
        new ZipFile(dir.resolve("usr/share/rehab-telemetry/device-agent.jar").toFile())) {
      List<String> missing =
          listed.stream()
              .filter(name -> jar.getEntry(name + ".class") == null)
              .filter(
                  name -> ClassLoader.getPlatformClassLoader().getResource(name + ".class") == null)
              .toList();
      assertEquals(
          List.of(),
          missing,
          "classes in agent.classlist that neither the agent's jar nor the JDK has:"
              + " run scripts/agent-class-list");
    }
  }

  @Test
  void theAgentsJar_hasTheBoardsProvidersAndArmNatives_andNoMock() throws Exception {
    Debs.ok("dpkg-deb", "-x", Debs.deb("agent").toString(), dir.toString());
    try (ZipFile jar =
        new ZipFile(dir.resolve("usr/share/rehab-telemetry/device-agent.jar").toFile())) {
      List<String> names = jar.stream().map(e -> e.getName()).toList();
      assertTrue(names.stream().anyMatch(n -> n.startsWith("com/pi4j/plugin/gpiod/")), "gpiod");
      assertTrue(names.stream().anyMatch(n -> n.startsWith("com/pi4j/plugin/linuxfs/")), "linuxfs");
      assertFalse(names.stream().anyMatch(n -> n.startsWith("com/pi4j/plugin/mock/")), "no mock");
      assertFalse(
          names.stream().anyMatch(n -> n.startsWith("org/rehabtelemetry/hardware/fake/")),
          "no fakes");
      assertTrue(
          names.stream().anyMatch(n -> n.matches("natives/linux_arm(32)?/.*jssc.*\\.so")),
          "jssc for 32-bit ARM: " + names.stream().filter(n -> n.startsWith("natives/")).toList());
      assertTrue(
          names.stream().anyMatch(n -> n.matches("natives/linux_arm64/.*jssc.*\\.so")),
          "jssc for 64-bit ARM");
    }
  }
}
