package org.rehabtelemetry.agent.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.rehabtelemetry.agent.DeviceAgent;
import org.rehabtelemetry.agent.session.SessionRefusedException;
import org.rehabtelemetry.protocol.ProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control API:
 *
 * <pre>
 * GET  /api/status                     everything the UI shows (JSON)
 * POST /api/session/start              {"patientCode":"P-7F3A","programme":"standing","settings":{...}}
 * POST /api/session/pause|resume|stop  {"reason":"therapist"} (optional)
 * POST /api/session/arm                like start: prepares a session for the GPIO button
 * POST /api/alarms/ack                 {"alarmId":"A-..."}
 * POST /api/estop/reset                the therapist's deliberate reset
 * </pre>
 *
 * A refused command answers 409 with {@code {"error": "..."}} in words for the therapist; a bad
 * request 400 naming the field. Requests are served by the named {@code agent-http} threads.
 */
public final class ControlApi implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ControlApi.class);
  private static final int MAX_BODY = 16 * 1024;

  private final DeviceAgent agent;
  private final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  private final HttpServer server;
  private final ExecutorService executor;
  private final StatusEvents events = new StatusEvents();
  private final java.util.concurrent.atomic.AtomicInteger streams =
      new java.util.concurrent.atomic.AtomicInteger();
  private volatile boolean open = true;

  /** At most this many event-stream clients (the kiosk and a spare); each holds a thread. */
  private static final int MAX_STREAMS = 3;

  /** Minimum time between two status pushes to one client. */
  private static final long PUSH_INTERVAL_MILLIS = 100;

  public ControlApi(DeviceAgent agent, String bind, int port) throws IOException {
    this.agent = agent;
    this.server = HttpServer.create(new InetSocketAddress(bind, port), 16);
    this.executor =
        Executors.newFixedThreadPool(
            4,
            runnable -> {
              Thread thread = new Thread(runnable, "agent-http");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/api/status", exchange -> handle(exchange, "GET", this::status));
    server.createContext("/api/profile", exchange -> handle(exchange, "GET", b -> profile()));
    server.createContext("/api/events", this::stream);
    server.createContext("/", this::staticFile);
    agent.addListener(event -> events.signal());
    server.createContext("/api/session/start", exchange -> handle(exchange, "POST", this::start));
    server.createContext("/api/session/arm", exchange -> handle(exchange, "POST", this::arm));
    server.createContext(
        "/api/session/pause",
        exchange ->
            handle(
                exchange,
                "POST",
                b -> {
                  agent.pauseSession(reason(b));
                  return ok();
                }));
    server.createContext(
        "/api/session/resume",
        exchange ->
            handle(
                exchange,
                "POST",
                b -> {
                  agent.resumeSession(reason(b));
                  return ok();
                }));
    server.createContext(
        "/api/session/stop",
        exchange ->
            handle(
                exchange,
                "POST",
                b -> {
                  agent.stopSession(reason(b));
                  return ok();
                }));
    server.createContext("/api/alarms/ack", exchange -> handle(exchange, "POST", this::ack));
    server.createContext(
        "/api/estop/reset",
        exchange ->
            handle(
                exchange,
                "POST",
                b -> {
                  try {
                    agent.resetEmergencyStop();
                  } catch (IllegalStateException e) {
                    throw new SessionRefusedException(e.getMessage());
                  }
                  return ok();
                }));
  }

  public void start() {
    server.start();
    LOG.info("control API on http://{}", address());
  }

  /** host:port actually bound (the port may have been 0). */
  public String address() {
    return server.getAddress().getHostString() + ":" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    open = false;
    events.signal();
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private interface Handler {
    Object handle(JsonNode body) throws IOException;
  }

  private record Answer(int status, Object body) {}

  private void handle(HttpExchange exchange, String method, Handler handler) throws IOException {
    try {
      if (!exchange.getRequestMethod().equals(method)) {
        send(exchange, 405, Map.of("error", "use " + method));
        return;
      }
      JsonNode body = method.equals("POST") ? readBody(exchange) : null;
      Object result = handler.handle(body);
      if (result instanceof Answer answer) {
        send(exchange, answer.status(), answer.body());
      } else {
        send(exchange, 200, result);
      }
    } catch (SessionRefusedException e) {
      send(exchange, 409, Map.of("error", e.getMessage()));
    } catch (BadRequest | ProtocolException e) {
      send(exchange, 400, Map.of("error", e.getMessage()));
    } catch (RuntimeException e) {
      LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
      send(exchange, 500, Map.of("error", "internal error: " + e.getClass().getSimpleName()));
    } finally {
      exchange.close(); // after any error answer has been sent
    }
  }

  private static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message);
    }
  }

  private Object profile() {
    Map<String, Object> profile = new LinkedHashMap<>();
    profile.put("kind", agent.profile().kind().wireName());
    profile.put("channels", agent.profile().channels());
    profile.put("programmes", agent.profile().programmes());
    return profile;
  }

  /** Server-sent events: the full status on every change, at most every 100 ms, else every 2 s. */
  private void stream(HttpExchange exchange) throws IOException {
    if (streams.incrementAndGet() > MAX_STREAMS) {
      streams.decrementAndGet();
      send(exchange, 503, Map.of("error", "too many event streams"));
      exchange.close();
      return;
    }
    try (exchange) {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      long seen = -1;
      while (open) {
        seen = events.await(seen, 2000);
        out.write("data: ".getBytes(StandardCharsets.UTF_8));
        out.write(json.writeValueAsBytes(agent.status()));
        out.write("\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        Thread.sleep(PUSH_INTERVAL_MILLIS);
      }
    } catch (IOException e) {
      // The client went away.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      streams.decrementAndGet();
    }
  }

  private static final Map<String, String> TYPES =
      Map.of(
          "html",
          "text/html; charset=utf-8",
          "js",
          "text/javascript; charset=utf-8",
          "css",
          "text/css; charset=utf-8");

  /** The touch UI: index.html, app.js and app.css from the jar. */
  private void staticFile(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String name = path.equals("/") ? "index.html" : path.substring(1);
      if (!name.matches("[a-z]+\\.(html|js|css)")) {
        send(exchange, 404, Map.of("error", "not found"));
        return;
      }
      try (InputStream in = ControlApi.class.getResourceAsStream("/ui/" + name)) {
        if (in == null) {
          send(exchange, 404, Map.of("error", "not found"));
          return;
        }
        byte[] bytes = in.readAllBytes();
        exchange
            .getResponseHeaders()
            .set("Content-Type", TYPES.get(name.substring(name.indexOf('.') + 1)));
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
      }
    }
  }

  private Object status(JsonNode body) {
    return agent.status();
  }

  private Object start(JsonNode body) {
    String id =
        agent.startSession(
            text(body, "patientCode"),
            text(body, "programme"),
            settings(body),
            reasonOr(body, "therapist"));
    return Map.of("sessionId", id);
  }

  private Object arm(JsonNode body) {
    agent.arm(
        new DeviceAgent.Armed(text(body, "patientCode"), text(body, "programme"), settings(body)));
    return ok();
  }

  private Object ack(JsonNode body) {
    String alarmId = text(body, "alarmId");
    if (!agent.acknowledgeAlarm(alarmId)) {
      return new Answer(404, Map.of("error", "no active alarm " + alarmId));
    }
    return ok();
  }

  private static Map<String, Object> ok() {
    return Map.of("ok", true);
  }

  private static String reason(JsonNode body) {
    return reasonOr(body, "therapist");
  }

  private static String reasonOr(JsonNode body, String fallback) {
    JsonNode reason = body == null ? null : body.get("reason");
    return reason == null || !reason.isTextual() ? fallback : reason.textValue();
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body == null ? null : body.get(field);
    if (value == null || !value.isTextual() || value.textValue().isBlank()) {
      throw new BadRequest("field '" + field + "' is required (text)");
    }
    return value.textValue();
  }

  private static Map<String, Double> settings(JsonNode body) {
    Map<String, Double> settings = new LinkedHashMap<>();
    JsonNode node = body == null ? null : body.get("settings");
    if (node == null || node.isNull()) {
      return settings;
    }
    if (!node.isObject()) {
      throw new BadRequest("field 'settings' must be an object of numbers");
    }
    node.fields()
        .forEachRemaining(
            entry -> {
              if (!entry.getValue().isNumber()) {
                throw new BadRequest("field 'settings." + entry.getKey() + "' must be a number");
              }
              settings.put(entry.getKey(), entry.getValue().doubleValue());
            });
    return settings;
  }

  private JsonNode readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        throw new BadRequest("request body larger than " + MAX_BODY + " bytes");
      }
      if (bytes.length == 0) {
        return json.createObjectNode();
      }
      try {
        return json.readTree(bytes);
      } catch (IOException e) {
        throw new BadRequest("request body is not JSON");
      }
    }
  }

  private void send(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
