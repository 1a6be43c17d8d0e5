package org.rehabtelemetry.gateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.rehabtelemetry.gateway.dashboard.AlarmBoard;
import org.rehabtelemetry.gateway.dashboard.LiveFeed;
import org.rehabtelemetry.gateway.dashboard.LoginSessions;
import org.rehabtelemetry.gateway.ingest.DeadLetterStore;
import org.rehabtelemetry.gateway.registry.DeviceRegistry;
import org.rehabtelemetry.gateway.session.CompletenessTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's HTTP side: the operator dashboard, its API and the metrics.
 *
 * <pre>
 * GET  /metrics               Prometheus text format (no login: carries no personal data)
 * GET  /login, POST /login    the login form; POST /logout ends the session
 * GET  /                      the dashboard (redirects to /login without a session)
 * GET  /api/me                the operator logged in
 * GET  /api/devices           the fleet: online, last seen, version, session, active alarms
 * GET  /api/sessions          completeness of the tracked sessions (received, expected, gaps)
 * GET  /api/dead-letters      the most recent dead letters with reasons and raw payloads
 * GET  /api/alarms            the alarm list
 * POST /api/alarms/ack        ?device=D&amp;alarm=A: the operator has seen the alarm
 * GET  /api/live              server-sent events ({@link LiveFeed}); ?device=D adds its samples
 * </pre>
 *
 * Every {@code /api} call needs a login session: a random token in an {@code HttpOnly}, {@code
 * SameSite=Strict} cookie ({@code Secure} when configured). A POST from another origin is refused.
 * With no operator account configured, the dashboard and its API answer 403.
 *
 * <p>Served by named {@code gateway-http-N} threads; each live stream holds one, and at most
 * {@value #MAX_STREAMS} streams are served at once.
 */
public final class GatewayHttp implements AutoCloseable {
  static final int MAX_STREAMS = 32;
  static final String COOKIE = "rt_session";
  private static final Logger LOG = LoggerFactory.getLogger(GatewayHttp.class);
  private static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; frame-ancestors 'none'; form-action 'self'";

  /** What the operator sees. */
  public record Views(
      DeviceRegistry registry,
      CompletenessTracker completeness,
      DeadLetterStore deadLetters,
      AlarmBoard alarms,
      LiveFeed live,
      LoginSessions logins,
      boolean secureCookie) {}

  private final HttpServer server;
  private final ExecutorService executor;
  private final Views views;
  private final AtomicInteger streams = new AtomicInteger();
  private final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  public GatewayHttp(String bind, int port, GatewayMetrics metrics, Views views)
      throws IOException {
    this.views = views;
    server = HttpServer.create(new InetSocketAddress(bind, port), 64);
    AtomicInteger threads = new AtomicInteger();
    executor =
        new ThreadPoolExecutor(
            2,
            MAX_STREAMS + 8,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            runnable -> {
              Thread thread = new Thread(runnable, "gateway-http-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            },
            (runnable, pool) -> LOG.warn("HTTP request refused: all threads busy"));
    server.setExecutor(executor);
    server.createContext(
        "/metrics",
        exchange ->
            send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.render()));
    server.createContext("/login", this::login);
    server.createContext("/logout", this::logout);
    server.createContext("/", this::page);
    server.createContext("/api/", this::api);
  }

  public void start() {
    server.start();
  }

  /** host:port actually bound. */
  public String address() {
    return server.getAddress().getHostString() + ":" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void page(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (!views.logins().enabled()) {
        send(exchange, 403, "text/plain; charset=utf-8", disabledText());
        return;
      }
      switch (path) {
        case "/", "/index.html" -> {
          if (operator(exchange).isEmpty()) {
            redirect(exchange, "/login");
          } else {
            resource(exchange, "index.html", "text/html; charset=utf-8");
          }
        }
        case "/app.js" -> resource(exchange, "app.js", "text/javascript; charset=utf-8");
        case "/chart.js" -> resource(exchange, "chart.js", "text/javascript; charset=utf-8");
        case "/app.css" -> resource(exchange, "app.css", "text/css; charset=utf-8");
        default -> send(exchange, 404, "text/plain; charset=utf-8", "not found");
      }
    }
  }

  private void login(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!views.logins().enabled()) {
        send(exchange, 403, "text/plain; charset=utf-8", disabledText());
        return;
      }
      if (exchange.getRequestMethod().equals("GET")) {
        resource(exchange, "login.html", "text/html; charset=utf-8");
        return;
      }
      if (!exchange.getRequestMethod().equals("POST") || !sameOrigin(exchange)) {
        send(exchange, 403, "text/plain; charset=utf-8", "refused");
        return;
      }
      Map<String, String> form = form(exchange.getRequestBody());
      String username = form.getOrDefault("username", "");
      char[] password = form.getOrDefault("password", "").toCharArray();
      Optional<String> token = views.logins().login(username, password);
      java.util.Arrays.fill(password, '\0');
      if (token.isEmpty()) {
        LOG.warn("failed dashboard login for \"{}\"", printable(username));
        redirect(exchange, "/login?failed");
        return;
      }
      LOG.info("operator {} logged in to the dashboard", username);
      exchange
          .getResponseHeaders()
          .add(
              "Set-Cookie",
              COOKIE
                  + "="
                  + token.get()
                  + "; Path=/; HttpOnly; SameSite=Strict; Max-Age="
                  + views.logins().lifetime().toSeconds()
                  + (views.secureCookie() ? "; Secure" : ""));
      redirect(exchange, "/");
    }
  }

  private void logout(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST") || !sameOrigin(exchange)) {
        send(exchange, 405, "text/plain; charset=utf-8", "use POST");
        return;
      }
      views.logins().logout(cookie(exchange));
      exchange
          .getResponseHeaders()
          .add("Set-Cookie", COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
      redirect(exchange, "/login");
    }
  }

  private void api(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!views.logins().enabled()) {
        send(exchange, 403, "text/plain; charset=utf-8", disabledText());
        return;
      }
      Optional<String> operator = operator(exchange);
      if (operator.isEmpty()) {
        send(exchange, 401, "application/json", "{\"error\":\"log in first\"}");
        return;
      }
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (method.equals("POST") && path.equals("/api/alarms/ack")) {
        acknowledge(exchange, operator.get());
        return;
      }
      if (!method.equals("GET")) {
        send(exchange, 405, "text/plain; charset=utf-8", "method not allowed");
        return;
      }
      switch (path) {
        case "/api/me" -> json(exchange, () -> Map.of("operator", operator.get()));
        case "/api/devices" -> json(exchange, views.registry()::devices);
        case "/api/sessions" -> json(exchange, views.completeness()::all);
        case "/api/dead-letters" -> json(exchange, views.deadLetters()::recent);
        case "/api/alarms" -> json(exchange, views.alarms()::all);
        case "/api/live" -> stream(exchange);
        default -> send(exchange, 404, "text/plain; charset=utf-8", "not found");
      }
    }
  }

  private void acknowledge(HttpExchange exchange, String operator) throws IOException {
    if (!sameOrigin(exchange)) {
      send(exchange, 403, "text/plain; charset=utf-8", "refused: another origin");
      return;
    }
    Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
    String device = query.get("device");
    String alarm = query.get("alarm");
    if (device == null || alarm == null) {
      send(exchange, 400, "text/plain; charset=utf-8", "needs ?device=D&alarm=A");
      return;
    }
    Optional<AlarmBoard.Entry> entry = views.alarms().acknowledge(device, alarm, operator);
    if (entry.isEmpty()) {
      send(exchange, 404, "text/plain; charset=utf-8", "no such alarm");
      return;
    }
    LOG.info(
        "operator {} acknowledged alarm {} ({}) of {}",
        operator,
        alarm,
        entry.get().code(),
        device);
    json(exchange, entry::get);
  }

  private void stream(HttpExchange exchange) throws IOException {
    if (streams.incrementAndGet() > MAX_STREAMS) {
      streams.decrementAndGet();
      send(exchange, 503, "text/plain; charset=utf-8", "too many live streams");
      return;
    }
    String device = form(exchange.getRequestURI().getRawQuery()).get("device");
    try (LiveFeed.Subscriber subscriber = views.live().subscribe(device)) {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      out.write(": live\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      while (!Thread.currentThread().isInterrupted()) {
        LiveFeed.Event event = subscriber.next(15, TimeUnit.SECONDS);
        String text =
            event == null
                ? ": keep-alive\n\n"
                : "event: " + event.name() + "\ndata: " + event.data() + "\n\n";
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      LOG.debug("live stream closed: {}", e.getMessage());
    } finally {
      streams.decrementAndGet();
    }
  }

  private Optional<String> operator(HttpExchange exchange) {
    return views.logins().operator(cookie(exchange));
  }

  private static String cookie(HttpExchange exchange) {
    for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
      for (String part : header.split(";")) {
        String trimmed = part.trim();
        if (trimmed.startsWith(COOKIE + "=")) {
          return trimmed.substring(COOKIE.length() + 1);
        }
      }
    }
    return null;
  }

  /** A browser sends Origin on a POST; it must name this server. No Origin: not a browser form. */
  private static boolean sameOrigin(HttpExchange exchange) {
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    String host = exchange.getRequestHeaders().getFirst("Host");
    return origin == null
        || host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
  }

  private static Map<String, String> form(InputStream body) throws IOException {
    byte[] bytes = body.readNBytes(4096);
    return form(new String(bytes, StandardCharsets.UTF_8));
  }

  private static Map<String, String> form(String encoded) {
    Map<String, String> values = new HashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return values;
    }
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        values.put(
            URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        // a malformed escape: ignore the pair
      }
    }
    return values;
  }

  private void json(HttpExchange exchange, Supplier<Object> body) throws IOException {
    send(exchange, 200, "application/json; charset=utf-8", json.writeValueAsBytes(body.get()));
  }

  private static void resource(HttpExchange exchange, String name, String type) throws IOException {
    try (InputStream in = GatewayHttp.class.getResourceAsStream("/dashboard/" + name)) {
      if (in == null) {
        send(exchange, 404, "text/plain; charset=utf-8", "not found");
        return;
      }
      send(exchange, 200, type, in.readAllBytes());
    }
  }

  private static void redirect(HttpExchange exchange, String location) throws IOException {
    exchange.getResponseHeaders().set("Location", location);
    exchange.sendResponseHeaders(303, -1);
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    send(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    // Not no-referrer: with it, browsers send "Origin: null" on form posts, which we refuse.
    exchange.getResponseHeaders().set("Referrer-Policy", "same-origin");
    exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static String disabledText() {
    return "The dashboard is off: no operator account is configured (dashboard.operators).";
  }

  private static String printable(String text) {
    String cut = text.length() > 64 ? text.substring(0, 64) : text;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
