package org.rehabtelemetry.simulator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rehabtelemetry.testsupport.DevToolsPage;
import org.rehabtelemetry.testsupport.FreePort;
import org.rehabtelemetry.testsupport.HeadlessChromiumExtension;

/**
 * The README's demo, as a user runs it: {@code java -jar simulator/target/simulator.jar demo} (what
 * {@code scripts/demo} runs after building). It prints the dashboard and login; the dashboard,
 * logged in, shows the four devices (one per built-in kind, the phyto barrel from its YAML alone)
 * online with live values; SIGTERM (what Ctrl-C's SIGINT also triggers) stops everything cleanly.
 */
class DemoIT {
  @RegisterExtension final HeadlessChromiumExtension chromium = new HeadlessChromiumExtension();
  @TempDir Path dir;

  @ParameterizedTest(name = "secure={0}")
  @ValueSource(booleans = {false, true})
  void demo_showsEveryKindWithLiveValues_andStopsCleanly(boolean secure) throws Exception {
    Path jar = Path.of("target/simulator.jar").toAbsolutePath();
    assertTrue(Files.exists(jar), "packaged before integration tests: " + jar);
    int port = FreePort.pick();
    Path log = dir.resolve("demo.log");
    Process demo =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "demo",
                "--port",
                Integer.toString(port),
                "--state",
                dir.resolve("state").toString(),
                "--session-seconds",
                "60",
                secure ? "--secure" : "--speed=1")
            .directory(Path.of("").toAbsolutePath().getParent().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> Files.readString(log).contains("Press Ctrl-C to stop."));
      String banner = Files.readString(log);
      assertTrue(banner.contains("dashboard : http://127.0.0.1:" + port + "/"), banner);
      if (secure) {
        assertTrue(
            banner.contains("with deploy/mosquitto/rehab-telemetry.conf (mutual TLS"), banner);
      }
      String password =
          banner
              .lines()
              .filter(line -> line.contains("login     : operator / "))
              .findFirst()
              .orElseThrow()
              .replaceAll(".*operator / ", "")
              .trim();

      DevToolsPage page = chromium.server().open("http://127.0.0.1:" + port + "/");
      await().atMost(Duration.ofSeconds(10)).until(() -> page.visible("#login"));
      page.type("#username", "operator");
      page.type("#password", password);
      page.click("#login");
      for (String device : new String[] {"vert-01", "trainer-01", "hydro-01", "phyto-barrel-01"}) {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    page.visible("#fleet [data-device=" + device + "] .badge.online")
                        && page.visible("#fleet [data-device=" + device + "] .value"));
      }
      String before = page.text("#fleet [data-device=vert-01] .values");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> !before.equals(page.text("#fleet [data-device=vert-01] .values")));
      assertTrue(page.text("#fleet [data-device=hydro-01] .values").contains("°C"));
      assertTrue(page.text("#fleet [data-device=phyto-barrel-01] .values").contains("°C"));
    } finally {
      demo.destroy();
      assertTrue(demo.waitFor(30, TimeUnit.SECONDS), "stopped within 30 s");
    }
    String output = Files.readString(log);
    assertTrue(
        output.contains("demo stopped."), output.substring(Math.max(0, output.length() - 2000)));
    assertEquals(143, demo.exitValue(), "terminated by SIGTERM after the clean stop");
  }
}
