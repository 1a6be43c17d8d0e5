package org.rehabtelemetry.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.agent.config.AgentConfig;
import org.rehabtelemetry.agent.config.AgentConfigLoader;
import org.rehabtelemetry.agent.mqtt.PahoTransport;
import org.rehabtelemetry.agent.ui.ControlApi;
import org.rehabtelemetry.hardware.hub.HubFrame;
import org.rehabtelemetry.hardware.hub.HubFrameWriter;
import org.rehabtelemetry.hardware.pi4j.MockBoardPorts;
import org.rehabtelemetry.hardware.port.MonotonicClock;
import org.rehabtelemetry.protocol.SessionEventType;
import org.rehabtelemetry.testsupport.Axe;
import org.rehabtelemetry.testsupport.DevToolsPage;
import org.rehabtelemetry.testsupport.FreePort;
import org.rehabtelemetry.testsupport.HeadlessChromiumExtension;
import org.rehabtelemetry.testsupport.MosquittoExtension;
import org.rehabtelemetry.testsupport.SocatPtyExtension;

/**
 * Done-when 4 of the device-agent issue, in headless Chromium: start a verticalizer session on the
 * touch UI, see the tilt value update, a high heart rate raises an alarm that is acknowledged, the
 * mock e-stop latches (ending the session as interrupted) and is reset, and a session is stopped.
 */
class TouchUiIT {
  @RegisterExtension final MosquittoExtension mosquitto = new MosquittoExtension();
  @RegisterExtension final SocatPtyExtension pty = new SocatPtyExtension();
  @RegisterExtension final HeadlessChromiumExtension chromium = new HeadlessChromiumExtension();
  @TempDir Path dir;

  private final AtomicInteger heartRate = new AtomicInteger(95);
  private final AtomicLong frames = new AtomicLong();

  @Test
  void therapistFlow_onTheTouchUi() throws Exception {
    AgentConfig config = config();
    DeviceAgent agent =
        new DeviceAgent(
            config,
            Clock.systemUTC(),
            MonotonicClock.SYSTEM,
            () -> true,
            TestAgentConfigs.mockBoard());
    ScheduledExecutorService hub = Executors.newSingleThreadScheduledExecutor();
    try (SessionCollector collector = new SessionCollector(mosquitto.server().uri());
        OutputStream serial = Files.newOutputStream(pty.server().peerEnd())) {
      agent.start(new PahoTransport(config.mqtt()));
      hub.scheduleAtFixedRate(() -> frame(serial), 0, 20, TimeUnit.MILLISECONDS);
      try (ControlApi api = new ControlApi(agent, "127.0.0.1", FreePort.pick())) {
        DevToolsPage ui = chromium.server().open("http://" + api.address() + "/");
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> "ожидание".equals(ui.text("[data-testid=state]")));

        // The device speaks Russian (ui.language's default): the programme's settings with their
        // labels and units, and a refusal as a sentence, not a field name.
        assertEquals(List.of(), Axe.violations(ui), "WCAG 2 A/AA on the touch UI, idle");
        String setting = ui.text("label:has([data-testid=setting-targetTiltDeg])");
        assertTrue(setting.startsWith("Целевой угол наклона, °"), setting);
        ui.type("[data-testid=patient]", "Ivanov");
        ui.click("[data-testid=start]");
        await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> ui.text("[data-testid=message]").startsWith("Код пациента: от 3 до 32"));
        ui.type("[data-testid=setting-targetTiltDeg]", "120");
        ui.type("[data-testid=patient]", "P-7F3A");
        ui.click("[data-testid=start]");
        await()
            .atMost(Duration.ofSeconds(5))
            .until(
                () ->
                    "Целевой угол наклона: допустимо от 10 до 90, введено 120."
                        .equals(ui.text("[data-testid=message]")));
        ui.type("[data-testid=setting-targetTiltDeg]", "60");
        ui.click("[data-testid=start]");
        await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> "идёт сеанс".equals(ui.text("[data-testid=state]")));
        String sessionId = agent.status().session().sessionId();

        String tilt = ui.text("[data-testid=live-tiltDeg] .value");
        await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> !tilt.equals(ui.text("[data-testid=live-tiltDeg] .value")));
        assertNotEquals("–", ui.text("[data-testid=live-tiltDeg] .value"));
        assertEquals("°", ui.text("[data-testid=live-tiltDeg] .unit"));
        // The therapist's running view: time, and the target against now.
        await()
            .atMost(Duration.ofSeconds(5))
            .until(
                () ->
                    String.valueOf(ui.text("[data-testid=progress-target-targetTiltDeg]"))
                        .matches("Целевой угол наклона60° · сейчас -?\\d+(,\\d+)?°"));
        assertTrue(ui.visible("[data-testid=progress-elapsed]"));
        assertEquals(List.of(), Axe.violations(ui), "WCAG 2 A/AA on the touch UI, running");
        assertTrue(
            ui.text("[data-testid=progress-remaining]").startsWith("Осталось"),
            ui.text("[data-testid=progress-remaining]"));
        // Numbers in the device's language (ru by default): a decimal comma, the profile's
        // decimals.
        assertTrue(
            ui.text("[data-testid=live-loadLeftKg] .value").matches("\\d+,\\d"),
            ui.text("[data-testid=live-loadLeftKg] .value"));

        long sent = System.nanoTime();
        heartRate.set(172);
        await()
            .atMost(Duration.ofSeconds(5))
            .pollInterval(Duration.ofMillis(10))
            .until(() -> ui.visible("[data-testid=alarm-HR_HIGH]"));
        long shownMillis = (System.nanoTime() - sent) / 1_000_000;
        assertTrue(ui.text("[data-testid=alarm-HR_HIGH]").contains("heartRate 172 above 160"));
        assertTrue(
            ui.evaluate(
                    "document.querySelector('[data-testid=alarm-HR_HIGH]').classList.contains('medium')")
                .asBoolean());
        // It sounds (medium pattern); AUDIO PAUSED silences it for its time (10 s here), visibly,
        // until resumed by hand; paused again, the sound returns by itself when the time is over.
        assertEquals("Звучит тревога (средний приоритет)", ui.text("[data-testid=sound-state]"));
        ui.click("[data-testid=audio-pause]");
        await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> ui.text("[data-testid=sound-state]").startsWith("ЗВУК ВЫКЛЮЧЕН "));
        assertTrue(
            ui.text("[data-testid=sound-state]").matches("ЗВУК ВЫКЛЮЧЕН 0:(10|0\\d)"),
            ui.text("[data-testid=sound-state]"));
        assertEquals(null, agent.sounder().sounding());
        ui.click("[data-testid=audio-resume]");
        awaitMediumSounding(ui);
        ui.click("[data-testid=audio-pause]");
        long paused = System.nanoTime();
        await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> ui.text("[data-testid=sound-state]").startsWith("ЗВУК ВЫКЛЮЧЕН "));
        await()
            .atMost(Duration.ofSeconds(15))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () ->
                    "Звучит тревога (средний приоритет)"
                        .equals(ui.text("[data-testid=sound-state]")));
        double expiredAfter = (System.nanoTime() - paused) / 1e9;
        assertTrue(
            expiredAfter >= 9.5 && expiredAfter <= 12,
            "the pause of 10 s ended after " + expiredAfter + " s");
        assertTrue(agent.sounder().sounding() != null, "the condition persists: it sounds again");
        System.out.printf(
            "AUDIO PAUSED of 10 s on the touch UI: the sound was back %.1f s after the press%n",
            expiredAfter);
        // ALARM PAUSED: the medium alarm stays listed, steady and marked, without sound; "Alarms
        // on" brings light and sound back.
        ui.click("[data-testid=alarm-pause]");
        await()
            .atMost(Duration.ofSeconds(5))
            .until(
                () ->
                    String.valueOf(ui.text("[data-testid=alarm-pause-state]"))
                        .matches("ТРЕВОГИ ПРИОСТАНОВЛЕНЫ (1:00|0:5\\d): .*оператор видит все"));
        assertTrue(
            ui.evaluate(
                    "document.querySelector('[data-testid=alarm-HR_HIGH]').classList.contains('held')")
                .asBoolean(),
            "held back, not flashing");
        assertTrue(ui.text("[data-testid=alarm-HR_HIGH]").contains("(приостановлена)"));
        assertEquals(null, agent.sounder().sounding());
        ui.click("[data-testid=alarm-resume]");
        awaitMediumSounding(ui);
        assertEquals("", ui.text("[data-testid=alarm-pause-state]"));
        ui.click("[data-testid=ack-HR_HIGH]");
        await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> ui.text("[data-testid=alarm-HR_HIGH]").contains("(принято)"));
        await().atMost(Duration.ofSeconds(5)).until(() -> !ui.visible("[data-testid=sound]"));
        // The alarm log has both steps, fsynced, and exports them as CSV.
        String csv =
            String.valueOf(ui.evaluate("fetch('/api/alarm-log.csv').then(r => r.text())").asText());
        assertTrue(csv.startsWith("time,alarm id,code,priority,state"), csv);
        assertTrue(csv.contains("\"HR_HIGH\",medium,raised"), csv);
        assertTrue(csv.contains("\"HR_HIGH\",medium,acknowledged"), csv);
        assertTrue(csv.contains("\"AUDIO_PAUSED\",low,raised"), csv);
        assertTrue(csv.contains("(touch UI)"), csv);
        assertTrue(csv.contains("\"AUDIO_PAUSED\",low,cleared"), csv);
        assertTrue(csv.contains("\"ALARM_PAUSED\",low,raised"), csv);
        assertTrue(csv.contains("\"ALARM_PAUSED\",low,cleared"), csv);
        ui.click("[data-testid=alarm-log] summary");
        await()
            .atMost(Duration.ofSeconds(5))
            .until(
                () ->
                    String.valueOf(ui.text("#alarm-log-rows"))
                        .contains("HR_HIGHmediumacknowledged"));
        heartRate.set(95);
        Files.write(Path.of("target", "ui-alarm.png"), ui.screenshot());

        MockBoardPorts board = (MockBoardPorts) agent.ports();
        board.drive(17, false);
        await().atMost(Duration.ofSeconds(5)).until(() -> ui.visible("[data-testid=estop-banner]"));
        await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> "ожидание".equals(ui.text("[data-testid=state]")));
        Files.write(Path.of("target", "ui-estop.png"), ui.screenshot());
        ui.click("[data-testid=estop-reset]");
        ui.click("[data-testid=estop-confirm]");
        await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> ui.text("[data-testid=message]").contains("still pressed"));
        assertTrue(ui.visible("[data-testid=estop-banner]"), "a pressed stop cannot be reset");
        board.drive(17, true);
        await().pollDelay(Duration.ofMillis(100)).until(() -> true);
        ui.click("[data-testid=estop-reset]");
        ui.click("[data-testid=estop-confirm]");
        await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> !ui.visible("[data-testid=estop-banner]"));
        await().atMost(Duration.ofSeconds(20)).until(() -> collector.summary(sessionId) != null);
        assertEquals(SessionEventType.INTERRUPTED, collector.summary(sessionId).outcome());

        ui.click("[data-testid=start]");
        await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> "идёт сеанс".equals(ui.text("[data-testid=state]")));
        String second = agent.status().session().sessionId();
        ui.click("[data-testid=stop]");
        await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> "ожидание".equals(ui.text("[data-testid=state]")));
        await().atMost(Duration.ofSeconds(20)).until(() -> collector.summary(second) != null);
        assertEquals(SessionEventType.STOPPED, collector.summary(second).outcome());
        ui.close();
        System.out.printf(
            "touch UI: alarm shown %d ms after the heart rate crossed the limit at the hub%n",
            shownMillis);
      }
    } finally {
      hub.shutdownNow();
      agent.close();
    }
  }

  private static void awaitMediumSounding(DevToolsPage ui) {
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                "Звучит тревога (средний приоритет)".equals(ui.text("[data-testid=sound-state]")));
  }

  private void frame(OutputStream serial) {
    long n = frames.incrementAndGet();
    int tilt = (int) (n % 6000);
    try {
      serial.write(
          HubFrameWriter.frame(
              HubFrame.TYPE_SAMPLES,
              (int) n & 0xFFFF,
              HubFrameWriter.samples(
                  n * 20_000,
                  new int[] {1, 2, 3, 4, 5},
                  new int[] {11_200, 13_900, tilt, heartRate.get(), 97})));
      serial.flush();
    } catch (java.io.IOException e) {
      // pty gone at the end of the test
    }
  }

  /** The test agent's config, with AUDIO PAUSED at the config's shortest, 10 s. */
  private AgentConfig config() throws Exception {
    TestAgentConfigs.write(
        dir,
        "verticalizer-ui.yaml",
        Map.of("HUB_PORT", pty.server().deviceEnd()),
        mosquitto.server().uri(),
        0,
        "sensorHub");
    String yaml =
        Files.readString(dir.resolve("agent.yaml")) + "alarmSound: {audioPauseSeconds: 10}\n";
    Files.writeString(dir.resolve("agent.yaml"), yaml);
    return AgentConfigLoader.parse(
        "agent.yaml", yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8), dir);
  }
}
