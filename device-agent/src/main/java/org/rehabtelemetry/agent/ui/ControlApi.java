package org.rehabtelemetry.agent.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rehabtelemetry.agent.DeviceAgent;
import org.rehabtelemetry.agent.alarm.AlarmLog;
import org.rehabtelemetry.agent.alarm.sound.AlarmPauseRefusal;
import org.rehabtelemetry.agent.control.AgentCommands;
import org.rehabtelemetry.agent.metrics.AgentMetrics;
import org.rehabtelemetry.agent.metrics.BacklogAge;
import org.rehabtelemetry.agent.session.SessionRefusedException;
import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.web.BundledFiles;
import org.rehabtelemetry.web.Json;
import org.rehabtelemetry.web.Operations;
import org.rehabtelemetry.web.SharedAssets;
import org.rehabtelemetry.web.WebServer;
import org.rehabtelemetry.web.WebSettings;

/**
 * The touch UI and the control API, on the project's one web layer ({@link WebServer}):
 *
 * <pre>
 * GET  /                               the touch UI (index.html, app.js, app.css)
 * GET  /api/status                     everything the UI shows (JSON)
 * GET  /api/alarm-log                  the alarm log's latest 200 entries, newest first
 * GET  /api/alarm-log.csv              the alarm log as CSV (the two newest months)
 * GET  /api/profile                    channels, programmes and their settings, with labels
 * GET  /api/events                     server-sent events: the status on every change (at most
 *                                      every 100 ms), else every 2 s
 * POST /api/session/start              {"patientCode":"P-7F3A","programme":"standing","settings":{...}}
 * POST /api/session/arm                like start: prepares a session for the start button
 * POST /api/session/disarm             forgets what was armed
 * POST /api/session/pause|resume|stop  {"reason":"therapist"} (optional)
 * POST /api/alarms/ack                 {"alarmId":"A-..."}
 * POST /api/alarms/audio-pause         AUDIO PAUSED for what sounds now ({"reason":"who"} optional)
 * POST /api/alarms/audio-resume        ends AUDIO PAUSED early
 * POST /api/alarms/alarm-pause         ALARM PAUSED: medium and low alarms without light or sound
 *                                      for a short time ({"reason":"who"} optional; 409 + why)
 * POST /api/alarms/alarm-resume        ends ALARM PAUSED early
 * POST /api/estop/reset                the therapist's deliberate reset
 * GET  /metrics, /health               Prometheus metrics; worker progress
 * </pre>
 *
 * A refused command answers 409 with {@code {"error": "...", "code": "...", "args": {...}}}: the
 * sentence in English, and what the touch UI needs to say it in the device's language; a bad
 * request 400. Only local names reach it (localhost, 127.0.0.1, the bound address and the
 * configured ones), and a write must be {@code application/json} from this origin: a web page open
 * in the kiosk's browser cannot stop a session or reset the e-stop (DNS rebinding, no-cors POST).
 * Bodies are at most 16 KiB; 8 requests at once; 3 event streams.
 */
public final class ControlApi implements AutoCloseable {
  /** The kiosk and a spare. */
  static final int MAX_STREAMS = 3;

  /** Every file of {@code src/main/resources/ui}, the touch UI; a test keeps the two the same. */
  static final List<String> UI_FILES = List.of("index.html", "app.js", "app.css", "i18n.js");

  /** Live values reach the screen at most this often; urgent changes at once. */
  private static final long LIVE_INTERVAL_MILLIS = 250;

  /** With nothing changing, the status is still sent this often (the screen sees it is live). */
  private static final long IDLE_INTERVAL_MILLIS = 2000;

  private final DeviceAgent agent;
  private final ObjectMapper json = Json.mapper();
  private final StatusEvents changes = new StatusEvents();
  private volatile boolean closing;
  private final WebServer server;

  /** Serves the agent's UI and API on {@code bind:port} for local names only. */
  public ControlApi(DeviceAgent agent, String bind, int port) {
    this(agent, bind, port, Set.of());
  }

  /**
   * Serves the agent's UI and API; blocks until bound.
   *
   * @param hostNames extra host names the kiosk may use (besides localhost and the bind address)
   */
  public ControlApi(DeviceAgent agent, String bind, int port, Set<String> hostNames) {
    PrometheusRegistry metrics =
        AgentMetrics.registry(
            agent::status,
            agent::publisher,
            agent.liveness(),
            new BacklogAge(agent.journal(), agent.wallClock()),
            agent::samplesRecorded);
    this.agent = agent;
    agent
        .events()
        .addListener(
            event -> {
              if (event instanceof Reading) {
                changes.touch();
              } else {
                changes.signal();
              }
            });
    Set<String> hosts = new java.util.HashSet<>(List.of("localhost", "127.0.0.1", "[::1]", "::1"));
    hosts.add(bind);
    hosts.addAll(hostNames);
    WebSettings settings =
        WebSettings.defaults("agent-http", bind, port, MAX_STREAMS)
            .withAllowedHosts(hosts)
            .withJsonOnlyWrites();
    this.server =
        WebServer.start(
            settings,
            json,
            setup -> {
              routes(setup.config());
              setup.streams().route(setup.config(), "/api/events", this::stream);
              Operations.routes(setup.config(), metrics, agent.liveness());
            });
  }

  /** host:port actually bound. */
  public String address() {
    return server.address();
  }

  /**
   * Stops the server; its streams end first (they stop writing at once, and the server waits for
   * them before Jetty stops: see {@code Streams#close}).
   */
  @Override
  public void close() {
    closing = true;
    server.close();
  }

  private void routes(JavalinConfig config) {
    SharedAssets.serve(config);
    BundledFiles ui = BundledFiles.read("/ui", UI_FILES);
    ui.serve(config, "");
    ui.serveAt(config, "/", "index.html");
    config.routes.exception(
        SessionRefusedException.class,
        (e, ctx) ->
            ctx.status(HttpStatus.CONFLICT)
                .json(Map.of("error", e.getMessage(), "code", e.code(), "args", e.arguments())));
    config.routes.exception(
        BadRequest.class,
        (e, ctx) -> ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", e.getMessage())));
    config.routes.get("/api/status", ctx -> ctx.json(agent.status()));
    config.routes.get("/api/alarm-log", ctx -> ctx.json(agent.alarmLog().recent(200)));
    config.routes.get(
        "/api/alarm-log.csv",
        ctx ->
            ctx.contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"alarm-log.csv\"")
                .result(AlarmLog.csv(agent.alarmLog().recent(10_000))));
    config.routes.get("/api/profile", ctx -> ctx.json(profile()));
    AgentCommands commands = agent.commands();
    config.routes.post(
        "/api/session/start",
        ctx -> {
          JsonNode body = body(ctx);
          String id =
              commands.startSession(Requests.setup(body), Requests.reason(body, "therapist"));
          ctx.json(Map.of("sessionId", id));
        });
    config.routes.post(
        "/api/session/arm",
        ctx -> {
          commands.arm(Requests.setup(body(ctx)));
          ok(ctx);
        });
    config.routes.post(
        "/api/session/disarm",
        ctx -> {
          commands.disarm();
          ok(ctx);
        });
    config.routes.post(
        "/api/session/pause",
        ctx -> {
          commands.pauseSession(Requests.reason(body(ctx), "therapist"));
          ok(ctx);
        });
    config.routes.post(
        "/api/session/resume",
        ctx -> {
          commands.resumeSession(Requests.reason(body(ctx), "therapist"));
          ok(ctx);
        });
    config.routes.post(
        "/api/session/stop",
        ctx -> {
          commands.stopSession(Requests.reason(body(ctx), "therapist"));
          ok(ctx);
        });
    config.routes.post(
        "/api/alarms/ack",
        ctx -> {
          String alarmId = Requests.text(body(ctx), "alarmId");
          if (!commands.acknowledgeAlarm(alarmId)) {
            ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error", "no active alarm " + alarmId));
            return;
          }
          ok(ctx);
        });
    config.routes.post(
        "/api/alarms/audio-pause",
        ctx -> {
          if (!agent.sounder().pause(Requests.reason(body(ctx), "touch UI"))) {
            ctx.status(HttpStatus.CONFLICT).json(Map.of("error", "No alarm is sounding."));
            return;
          }
          ok(ctx);
        });
    config.routes.post(
        "/api/alarms/audio-resume",
        ctx -> {
          agent.sounder().resume();
          ok(ctx);
        });
    config.routes.post(
        "/api/alarms/alarm-pause",
        ctx -> {
          Optional<AlarmPauseRefusal> refused =
              agent.sounder().pauseAlarms(Requests.reason(body(ctx), "touch UI"));
          if (refused.isPresent()) {
            ctx.status(HttpStatus.CONFLICT)
                .json(Map.of("code", refused.get().code(), "error", refused.get().text()));
            return;
          }
          ok(ctx);
        });
    config.routes.post(
        "/api/alarms/alarm-resume",
        ctx -> {
          agent.sounder().resumeAlarms();
          ok(ctx);
        });
    config.routes.post(
        "/api/estop/reset",
        ctx -> {
          commands.resetEmergencyStop();
          ok(ctx);
        });
  }

  /**
   * The status on an urgent change (an alarm, the e-stop, the session, a sensor) at once, with new
   * live values at most every {@value #LIVE_INTERVAL_MILLIS} ms, and every {@value
   * #IDLE_INTERVAL_MILLIS} ms when nothing changes; on a stream thread.
   */
  private void stream(io.javalin.http.sse.SseClient client) throws Exception {
    long urgentSeen = changes.urgent();
    long readingsSent = -1;
    long lastSent = 0;
    while (!client.terminated() && !closing) {
      boolean urgent = changes.awaitUrgent(urgentSeen, LIVE_INTERVAL_MILLIS);
      if (closing) {
        return;
      }
      urgentSeen = changes.urgent();
      long readings = changes.readings();
      long now = System.currentTimeMillis();
      if (urgent || readings != readingsSent || now - lastSent >= IDLE_INTERVAL_MILLIS) {
        client.sendEvent("message", json.writeValueAsString(agent.status()));
        readingsSent = readings;
        lastSent = now;
      }
    }
  }

  private JsonNode body(Context ctx) {
    byte[] bytes = ctx.bodyAsBytes();
    if (bytes.length == 0) {
      return json.createObjectNode();
    }
    try {
      JsonNode node = json.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new BadRequest("the request body must be a JSON object");
      }
      return node;
    } catch (java.io.IOException e) {
      throw new BadRequest("the request body is not valid JSON");
    }
  }

  private Map<String, Object> profile() {
    Map<String, Object> profile = new LinkedHashMap<>();
    profile.put("kind", agent.profile().kind().wireName());
    profile.put("language", agent.config().uiLanguage());
    profile.put("labels", agent.profile().labels());
    profile.put("channels", agent.profile().channels());
    profile.put("programmes", agent.profile().programmes());
    profile.put("patientLimits", agent.profile().patientLimits());
    return profile;
  }

  private static void ok(Context ctx) {
    ctx.json(Map.of("ok", true));
  }
}
