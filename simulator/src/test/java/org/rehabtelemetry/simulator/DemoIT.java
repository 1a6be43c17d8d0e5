package org.rehabtelemetry.simulator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rehabtelemetry.testsupport.Axe;
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
      if (secure) {
        records(page); // once is enough: the records do not depend on the broker's security
      }
    } finally {
      demo.destroy();
      assertTrue(demo.waitFor(30, TimeUnit.SECONDS), "stopped within 30 s");
    }
    String output = Files.readString(log);
    assertTrue(
        output.contains("demo stopped."), output.substring(Math.max(0, output.length() - 2000)));
    assertEquals(143, demo.exitValue(), "terminated by SIGTERM after the clean stop");
  }

  /**
   * The demo's past course (P-0042, 12 sessions, tolerated tilt 40° to 70°) in the records: its
   * trend chart, the three PDFs, and the labels in another language.
   */
  private static void records(DevToolsPage page) {
    page.evaluate("document.getElementById('records-lang').value = 'en'");
    // The course is published at start-up; the store shows it a moment after it is written.
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              page.type("#patient", "P-0042");
              page.click("#records-open");
              return page.visible("#course-1 .trend svg") && "12".equals(sessionsShown(page));
            });
    // The last session's report as HTML: its overview, results and alarms, in words.
    page.evaluate(
        "(() => { const b = document.querySelectorAll('#course-1 .session-view');"
            + " b[b.length - 1].click(); })()");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> page.visible("#session-sheet .sheet-overview"));
    String sheet = page.text("#session-sheet");
    assertTrue(sheet.contains("P-0042") && sheet.contains("Highest tilt"), sheet);
    assertTrue(sheet.contains("records received"), sheet);
    assertEquals(
        List.of(),
        Axe.violations(page),
        "WCAG 2 A/AA on the dashboard with a child's records and a session report");
    String title = page.text("#course-1 .trend svg title");
    assertTrue(title.startsWith("Highest tilt: 40, "), title);
    assertTrue(title.endsWith(", 70"), title);
    for (String link : new String[] {".course-pdf", ".parent-pdf", ".session-pdf"}) {
      String head =
          page.evaluate(
                  "fetch(document.querySelector('#course-1 "
                      + link
                      + "').href).then(r => r.arrayBuffer())"
                      + ".then(b => String.fromCharCode(...new Uint8Array(b.slice(0, 5))))")
              .asText();
      assertEquals("%PDF-", head, link);
    }
    page.evaluate(
        "(() => { const s = document.getElementById('records-lang'); s.value = 'kk';"
            + " s.dispatchEvent(new Event('change')); })()");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                page.text("#course-1 .trend svg title") != null
                    && page.text("#course-1 .trend svg title").startsWith("Ең үлкен еңкею бұрышы"));
    assertTrue(
        page.evaluate("document.querySelector('#course-1 .course-pdf').href")
            .asText()
            .endsWith("&lang=kk"));
  }

  private static String sessionsShown(DevToolsPage page) {
    return page.evaluate(
            "String(document.querySelectorAll('#course-1 .course-sessions tbody tr').length)")
        .asText();
  }
}
