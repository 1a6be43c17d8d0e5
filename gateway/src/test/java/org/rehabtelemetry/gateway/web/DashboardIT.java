package org.rehabtelemetry.gateway.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.gateway.Gateway;
import org.rehabtelemetry.gateway.cli.GatewayCli;
import org.rehabtelemetry.gateway.testing.TestGateways;
import org.rehabtelemetry.protocol.AlarmEvent;
import org.rehabtelemetry.protocol.AlarmPriority;
import org.rehabtelemetry.protocol.AlarmState;
import org.rehabtelemetry.protocol.ChannelSamples;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.protocol.DeviceState;
import org.rehabtelemetry.protocol.DeviceStatus;
import org.rehabtelemetry.protocol.Header;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.MessageCodec;
import org.rehabtelemetry.protocol.SampleBatch;
import org.rehabtelemetry.protocol.SessionEvent;
import org.rehabtelemetry.protocol.SessionEventType;
import org.rehabtelemetry.protocol.SessionRef;
import org.rehabtelemetry.protocol.Topic;
import org.rehabtelemetry.testsupport.Axe;
import org.rehabtelemetry.testsupport.DevToolsPage;
import org.rehabtelemetry.testsupport.HeadlessChromiumExtension;
import org.rehabtelemetry.testsupport.MosquittoExtension;
import org.rehabtelemetry.testsupport.ShiftableClock;

/**
 * The operator's dashboard in headless Chromium, on a gateway with real Mosquitto and its embedded
 * store: log in, see a device come online, see live values arrive on the chart, see an alarm appear
 * and acknowledge it.
 */
class DashboardIT {
  private static final String PASSWORD = TestGateways.PASSWORD;

  @RegisterExtension final MosquittoExtension mosquitto = new MosquittoExtension();
  @RegisterExtension final HeadlessChromiumExtension chromium = new HeadlessChromiumExtension();
  @TempDir Path dir;

  private final MessageCodec codec = new MessageCodec();
  private final AtomicLong seq = new AtomicLong(1);
  private ScheduledExecutorService device;
  private DevToolsPage page;
  private Gateway gateway;
  private MqttClient publisher;

  @AfterEach
  void stop() throws Exception {
    if (device != null) {
      device.shutdownNow();
      device.awaitTermination(2, TimeUnit.SECONDS);
    }
    if (publisher != null) {
      publisher.disconnect();
      publisher.close();
    }
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void operator_logsIn_seesTheDeviceOnline_liveValues_andAcknowledgesAnAlarm() throws Exception {
    startGateway();
    page = chromium.server().open("http://" + gateway.httpAddress() + "/");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                page.visible("#login")
                    && page.evaluate("location.pathname").asText().equals("/login"));

    assertEquals(List.of(), Axe.violations(page), "WCAG 2 A/AA on the login page");
    page.type("#username", "op1");
    page.type("#password", "wrong password");
    page.click("#login");
    await().atMost(Duration.ofSeconds(10)).until(() -> page.visible("#failed"));

    page.type("#username", "op1");
    page.type("#password", PASSWORD);
    page.click("#login");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "operator op1".equals(page.text("#operator")));

    publisher = new MqttClient(mosquitto.server().uri(), "vert-01-sim", new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMaxInflight(100);
    publisher.connect(options);
    publish(
        new DeviceStatus(
            new Header("vert-01", "b1", Instant.now()),
            DeviceState.ONLINE,
            DeviceKind.VERTICALIZER,
            "0.1.0",
            true,
            "S-ui",
            null));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> page.visible("[data-device=vert-01] .badge.online"));
    assertTrue(page.text("[data-device=vert-01]").contains("Verticalizer"), "the kind's label");

    device = Executors.newSingleThreadScheduledExecutor();
    device.scheduleAtFixedRate(this::publishBatch, 0, 250, TimeUnit.MILLISECONDS);
    page.click("[data-device=vert-01]");
    await().atMost(Duration.ofSeconds(10)).until(() -> points("hrBpm") >= 10);
    int before = points("hrBpm");
    await().atMost(Duration.ofSeconds(5)).until(() -> points("hrBpm") > before);
    assertTrue(
        page.text(".chart[data-channel=hrBpm] .latest").endsWith(" /min"),
        page.text(".chart[data-channel=hrBpm] .latest"));
    // Channels by the profile's label and decimals (tilt: whole degrees), in the account's English.
    assertTrue(
        page.text(".chart[data-channel=tiltDeg] .label").contains("Tilt angle (deg)"),
        page.text(".chart[data-channel=tiltDeg] .label"));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                String.valueOf(page.text("#fleet [data-device=vert-01] [data-channel=tiltDeg]"))
                    .matches("Tilt angle: \\d+ deg"));
    await() // the fleet tile redraws at most every 250 ms
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                String.valueOf(page.text("#fleet [data-device=vert-01] [data-channel=hrBpm]"))
                    .matches("hrBpm: \\d+(\\.\\d)? /min"));

    publish(
        new AlarmEvent(
            new Header("vert-01", "b1", Instant.now()),
            new SessionRef("S-ui", seq.getAndIncrement()),
            "a-7",
            AlarmState.RAISED,
            "HR_HIGH",
            AlarmPriority.HIGH,
            false,
            "hrBpm",
            182.0,
            180.0,
            "heart rate above limit"));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> page.visible("#alarms tr.priority-high[data-alarm=a-7] button.ack"));
    assertTrue(page.text("#alarms tr[data-alarm=a-7]").contains("HR_HIGH"));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> page.visible("#fleet [data-device=vert-01].alarm-high"));
    // Sound is off until the operator turns it on (browsers need the click); then the
    // unacknowledged
    // high alarm sounds, and the operator's acknowledgement silences it.
    assertEquals("", sounding());
    page.click("#sound-toggle");
    await().atMost(Duration.ofSeconds(5)).until(() -> "high".equals(sounding()));
    assertEquals("HIGH", page.evaluate("AlarmSignals.playing()").asText());
    page.click("#alarms tr[data-alarm=a-7] button.ack");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                String.valueOf(page.text("#alarms tr[data-alarm=a-7] .operator-ack"))
                    .startsWith("seen by op1"));
    assertEquals("", sounding());
    assertTrue(page.evaluate("AlarmSignals.playing() === null").asBoolean());
    // The gateway's alarm log holds the alarm's raise and the operator's acknowledgement.
    awaitAlarmLogCsv(
        csv ->
            csv.startsWith("time,device,alarm id,code,priority,state on device")
                && csv.contains("\"vert-01\",\"a-7\"")
                && csv.contains("\"op1\""));
    // The dashboard with a device, live charts and an alarm on it: WCAG 2 A and AA hold.
    assertEquals(List.of(), Axe.violations(page), "WCAG 2 A/AA on the dashboard");
  }

  @Test
  void roles_aViewerSeesAlarmsButCannotAcknowledge_anOperatorCan_andTheAdminReadsBothInTheAuditLog()
      throws Exception {
    startGateway();
    raiseSpo2LowAndOpenTheDashboard("S-roles", "a-9", AlarmPriority.HIGH);

    logIn("viewer1");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> page.visible("#alarms tr[data-alarm=a-9] .view-only"));
    assertTrue(page.text("#alarms tr[data-alarm=a-9]").contains("SPO2_LOW"), "the viewer sees it");
    // viewer1's account speaks Russian (the others English): the dashboard follows the account.
    assertEquals("Тревоги", page.text("h2[data-i18n=alarms]"));
    assertEquals("только просмотр", page.text("#alarms tr[data-alarm=a-9] .view-only"));
    assertEquals("ru", page.evaluate("document.documentElement.lang").asText());
    assertEquals(
        0, page.evaluate("document.querySelectorAll('#alarms button.ack').length").asInt());
    // Even a hand-made request from the viewer's session is refused.
    int status =
        page.evaluate(
                "fetch('/api/alarms/ack?device=vert-01&alarm=a-9', {method: 'POST'})"
                    + ".then(r => r.status)")
            .asInt();
    assertEquals(403, status, "a viewer cannot acknowledge");
    assertFalse(page.visible("#audit-section"), "nor read the audit log");
    logOut();

    logIn("op1");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> page.visible("#alarms tr[data-alarm=a-9] button.ack"));
    page.click("#alarms tr[data-alarm=a-9] button.ack");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                String.valueOf(page.text("#alarms tr[data-alarm=a-9] .operator-ack"))
                    .startsWith("seen by op1"));
    logOut();

    logIn("admin1");
    await().atMost(Duration.ofSeconds(10)).until(() -> page.visible("#audit-section"));
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                page.click("#audit-refresh");
                String audit = String.valueOf(page.text("#audit tbody"));
                return audit.contains("viewer1acknowledge alarmvert-01 a-9")
                    && audit.contains("refused: needs the operator role")
                    && audit.contains("op1acknowledge alarmvert-01 a-9 SPO2_LOW");
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          "the audit panel shows: "
              + page.text("#audit tbody")
              + "; the log holds: "
              + gateway.parts().audit().recent(),
          e);
    }
    assertFalse(
        String.valueOf(page.text("#audit tbody")).contains(PASSWORD), "no password in the log");
  }

  /**
   * AUDIO PAUSED at the desk, on a gateway clock the test moves: the operator pauses the sound of
   * what sounds, a viewer can neither see the button nor pause by hand, the sound comes back by
   * itself when the gateway's clock passes the two minutes while the alarm is still there, and the
   * alarm log holds each step (raised, paused by whom, the pause's end and why).
   */
  @Test
  void audioPaused_atTheDesk_endsWithTheGatewaysClock_aViewerCannotPause_andTheLogShowsEachStep()
      throws Exception {
    ShiftableClock clock = new ShiftableClock();
    gateway =
        TestGateways.start(
            dir, mosquitto.server().uri(), "gateway-ui", "none", TestGateways.embedded(), clock);
    raiseSpo2LowAndOpenTheDashboard("S-pause", "a-5", AlarmPriority.MEDIUM);

    logIn("viewer1");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> page.visible("#alarms tr[data-alarm=a-5] .view-only"));
    assertFalse(page.visible("#audio-pause"), "a viewer has no pause button");
    int status =
        page.evaluate("fetch('/api/alarms/audio-pause', {method: 'POST'}).then(r => r.status)")
            .asInt();
    assertEquals(403, status, "a viewer cannot pause the desk's sound");
    assertFalse(gateway.parts().soundPause().state().paused());
    logOut();

    logIn("op1");
    page.click("#sound-toggle");
    await().atMost(Duration.ofSeconds(5)).until(() -> "medium".equals(sounding()));
    for (String hostile : List.of("{\"alarms\": 5}", "[1,2", "{\"alarms\": [7]}")) {
      int refused =
          page.evaluate(
                  "fetch('/api/alarms/audio-pause', {method: 'POST', headers: {'Content-Type':"
                      + " 'application/json'}, body: "
                      + org.rehabtelemetry.web.Json.mapper().writeValueAsString(hostile)
                      + "}).then(r => r.status)")
              .asInt();
      assertEquals(400, refused, "a malformed pause request is refused: " + hostile);
    }
    assertFalse(gateway.parts().soundPause().state().paused());
    page.click("#audio-pause");
    await().atMost(Duration.ofSeconds(5)).until(() -> "".equals(sounding()));
    assertTrue(page.evaluate("AlarmSignals.playing() === null").asBoolean(), "silent");
    String state = page.text("#sound-pause-state");
    assertTrue(
        state.matches(
            "AUDIO PAUSED (2:00|1:5\\d) by op1\\. Silenced at the desk: 1\\. A new alarm.*"),
        state);
    assertTrue(page.visible("#audio-resume") && !page.visible("#audio-pause"));

    // Two minutes pass on the gateway's clock (not the browser's): the gateway ends the pause and
    // tells every dashboard; the alarm is still there, so it sounds again.
    clock.jump(Duration.ofMinutes(2));
    await().atMost(Duration.ofSeconds(5)).until(() -> "medium".equals(sounding()));
    assertEquals("MEDIUM", page.evaluate("AlarmSignals.playing()").asText());
    assertEquals("", page.text("#sound-pause-state"));
    assertEquals("its time was over", gateway.parts().soundPause().state().ended());

    awaitAlarmLogCsv(
        csv ->
            csv.contains("\"vert-01\",\"a-5\",\"SPO2_LOW\"")
                && csv.contains("paused at the dashboard for 2 min by op1 (1 alarm)")
                && csv.contains("Alarm sound at the dashboard is back: its time was over"));
    assertTrue(
        gateway.parts().audit().recent().stream()
            .anyMatch(
                e ->
                    e.actor().equals("viewer1")
                        && e.action().equals("pause alarm sound")
                        && e.outcome().startsWith("refused")),
        "the viewer's attempt is audited");
  }

  /** A device raises SPO2_LOW over a fresh MQTT connection; the page opens the dashboard. */
  private void raiseSpo2LowAndOpenTheDashboard(
      String session, String alarmId, AlarmPriority priority) throws Exception {
    publisher = new MqttClient(mosquitto.server().uri(), "vert-01-sim", new MemoryPersistence());
    publisher.connect(new MqttConnectOptions());
    publish(
        new AlarmEvent(
            new Header("vert-01", "b1", Instant.now()),
            new SessionRef(session, seq.getAndIncrement()),
            alarmId,
            AlarmState.RAISED,
            "SPO2_LOW",
            priority,
            false,
            "spo2Pct",
            88.0,
            90.0,
            "oxygen saturation below limit"));
    page = chromium.server().open("http://" + gateway.httpAddress() + "/");
  }

  /**
   * Waits up to 5 s until the gateway's alarm log, as the page downloads it, satisfies {@code
   * test}.
   */
  private void awaitAlarmLogCsv(java.util.function.Predicate<String> test) {
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                test.test(
                    page.evaluate("fetch('/api/alarm-log.csv').then(r => r.text())").asText()));
  }

  private String sounding() {
    return page.evaluate("document.getElementById('sound-toggle').dataset.sounding").asText();
  }

  private void logIn(String user) {
    await().atMost(Duration.ofSeconds(10)).until(() -> page.visible("#login"));
    page.type("#username", user);
    page.type("#password", PASSWORD);
    page.click("#login");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> String.valueOf(page.text("#operator")).endsWith(" " + user));
  }

  private void logOut() {
    page.click("#logout");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> page.evaluate("location.pathname").asText().equals("/login"));
  }

  @Test
  void api_withoutALogin_isRefused_andMetricsStayOpen() throws Exception {
    startGateway();
    HttpClient http = HttpClient.newHttpClient();
    for (String path :
        List.of(
            "/api/devices",
            "/api/alarms",
            "/api/live",
            "/api/sessions",
            "/api/records/patients",
            "/api/records/course.fhir.json?patient=P-0300&course=1")) {
      HttpResponse<String> response = get(http, path, null);
      assertEquals(401, response.statusCode(), path);
    }
    assertEquals(401, get(http, "/api/devices", "rt_session=forged").statusCode());
    assertEquals(303, get(http, "/", null).statusCode(), "the page sends you to /login");
    HttpResponse<String> metrics = get(http, "/metrics", null);
    assertEquals(200, metrics.statusCode());
    assertTrue(metrics.body().contains("rehab_gateway_devices_online 0"), metrics.body());
    assertEquals(200, get(http, "/health", null).statusCode());

    HttpResponse<String> login =
        http.send(
            HttpRequest.newBuilder(URI.create("http://" + gateway.httpAddress() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "username=op1&password=correct+horse+battery"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(303, login.statusCode());
    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
    assertEquals(
        200, get(http, "/api/devices", cookie.substring(0, cookie.indexOf(';'))).statusCode());

    HttpResponse<String> crossSite =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://" + gateway.httpAddress() + "/api/alarms/ack?device=d&alarm=a"))
                .header("Cookie", cookie.substring(0, cookie.indexOf(';')))
                .header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(403, crossSite.statusCode());
    records(http, cookie.substring(0, cookie.indexOf(';')));
  }

  /**
   * The records API refuses what is not a code before any query, says "no such record", and the
   * export command downloads a session's FHIR bundle as an operator.
   */
  private void records(HttpClient http, String cookie) throws Exception {
    HttpResponse<String> hostile =
        get(http, "/api/records/courses?patient=x%27%20OR%20%271%27=%271", cookie);
    assertEquals(400, hostile.statusCode(), hostile.body());
    assertTrue(hostile.body().contains("patient"), hostile.body());
    assertEquals(
        404,
        get(http, "/api/records/session.pdf?device=vert-01&session=S-none", cookie).statusCode());
    assertEquals(
        400,
        get(http, "/api/records/session.pdf?session=S-none", cookie).statusCode(),
        "a session is named by its device too");
    assertEquals(
        400, get(http, "/api/records/course.pdf?patient=P-0300&course=0", cookie).statusCode());

    publisher = new MqttClient(mosquitto.server().uri(), "vert-01-sim", new MemoryPersistence());
    publisher.connect();
    publish(
        new DeviceStatus(
            new Header("vert-01", "b1", Instant.now()),
            DeviceState.ONLINE,
            DeviceKind.VERTICALIZER,
            "1.0",
            true,
            null,
            null));
    publish(
        new SessionEvent(
            new Header("vert-01", "b1", Instant.now()),
            new SessionRef("S-exp", 0),
            SessionEventType.STARTED,
            "test",
            "P-0300",
            "standing",
            java.util.Map.of("targetTiltDeg", 45.0)));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                get(http, "/api/records/courses?patient=P-0300", cookie).body().contains("S-exp"));

    HttpResponse<String> sheet =
        get(http, "/api/records/session?device=vert-01&session=S-exp&lang=ru", cookie);
    assertEquals(200, sheet.statusCode(), sheet.body());
    assertTrue(
        sheet.body().contains("\"P-0300\"") && sheet.body().contains("Целевой угол наклона"),
        sheet.body());
    assertEquals(
        404,
        get(http, "/api/records/session?device=vert-02&session=S-exp", cookie).statusCode(),
        "the session of another device");

    Path password = dir.resolve("op1.password");
    java.nio.file.Files.writeString(password, PASSWORD + "\n");
    Path out = dir.resolve("session.json");
    String[] args = {
      "export",
      "--url",
      "http://" + gateway.httpAddress(),
      "--user",
      "op1",
      "--password-file",
      password.toString(),
      "--device",
      "vert-01",
      "--session",
      "S-exp",
      "--out",
      out.toString()
    };
    assertEquals(0, new picocli.CommandLine(new GatewayCli()).execute(args));
    String bundle = java.nio.file.Files.readString(out);
    assertTrue(
        bundle.contains("\"resourceType\" : \"Bundle\"") && bundle.contains("P-0300"), bundle);
    assertTrue(bundle.contains("\"status\" : \"in-progress\""), "a session without an end");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> auditLines(dir).anyMatch(l -> l.contains("op1") && l.contains("logout")));
    String[] elsewhere = args.clone();
    elsewhere[2] = "http://192.0.2.7:8080";
    assertEquals(
        2,
        new picocli.CommandLine(new GatewayCli()).execute(elsewhere),
        "no password in clear over a network");
    java.nio.file.Files.writeString(password, "wrong password\n");
    assertEquals(1, new picocli.CommandLine(new GatewayCli()).execute(args), "login refused");
  }

  /** Every line of every audit file under {@code root}. */
  private static java.util.stream.Stream<String> auditLines(Path root) throws IOException {
    List<String> lines = new ArrayList<>();
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(root)) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().matches("audit-.*\\.jsonl")).toList()) {
        lines.addAll(java.nio.file.Files.readAllLines(file));
      }
    }
    return lines.stream();
  }

  private HttpResponse<String> get(HttpClient http, String path, String cookie) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://" + gateway.httpAddress() + path))
            .timeout(Duration.ofSeconds(5));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private int points(String channel) {
    return page.evaluate(
            "(() => { const c = document.querySelector('.chart[data-channel="
                + channel
                + "] canvas'); return c ? Number(c.dataset.points || 0) : 0; })()")
        .asInt();
  }

  private void startGateway() throws Exception {
    gateway =
        TestGateways.start(
            dir, mosquitto.server().uri(), "gateway-ui", "none", TestGateways.embedded());
  }

  private void publishBatch() {
    try {
      long n = seq.getAndIncrement();
      long t0 = Instant.now().minusMillis(250).toEpochMilli() * 1000;
      long[] offsets = new long[25];
      double[] hr = new double[25];
      double[] tilt = new double[25];
      for (int i = 0; i < 25; i++) {
        offsets[i] = i * 10_000L;
        hr[i] = 90 + (n % 10);
        tilt[i] = Math.min(60, n);
      }
      publish(
          new SampleBatch(
              new Header("vert-01", "b1", Instant.now()),
              new SessionRef("S-ui", n),
              t0,
              List.of(
                  new ChannelSamples("hrBpm", "/min", offsets, hr),
                  new ChannelSamples("tiltDeg", "deg", offsets, tilt))));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private synchronized void publish(Message message) throws Exception {
    publisher.publish(
        new Topic("ward-b", message.header().deviceId(), message.type()).toString(),
        codec.encode(message),
        1,
        false);
  }
}
