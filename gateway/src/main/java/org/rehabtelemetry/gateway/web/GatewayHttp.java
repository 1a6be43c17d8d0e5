package org.rehabtelemetry.gateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.rehabtelemetry.gateway.ingest.DeadLetterStore;
import org.rehabtelemetry.gateway.registry.DeviceRegistry;
import org.rehabtelemetry.gateway.session.CompletenessTracker;

/**
 * The gateway's HTTP endpoints:
 *
 * <pre>
 * GET /metrics           Prometheus text format
 * GET /api/devices       the fleet: online, last seen, version, session, active alarms
 * GET /api/sessions      completeness of the tracked sessions (received, expected, gaps)
 * GET /api/dead-letters  the most recent dead letters with reasons and raw payloads
 * </pre>
 *
 * Served by named {@code gateway-http} threads. The operator dashboard (with login) arrives with
 * the rest of the gateway issue; until then these endpoints carry no personal data beyond
 * pseudonymous session ids and should be bound to a trusted interface.
 */
public final class GatewayHttp implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  public GatewayHttp(
      String bind,
      int port,
      GatewayMetrics metrics,
      DeviceRegistry registry,
      CompletenessTracker completeness,
      DeadLetterStore deadLetters)
      throws IOException {
    server = HttpServer.create(new InetSocketAddress(bind, port), 16);
    executor =
        Executors.newFixedThreadPool(
            2,
            runnable -> {
              Thread thread = new Thread(runnable, "gateway-http");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext(
        "/metrics",
        exchange ->
            send(
                exchange,
                "text/plain; version=0.0.4; charset=utf-8",
                metrics.render().getBytes(StandardCharsets.UTF_8)));
    server.createContext("/api/devices", exchange -> json(exchange, registry::devices));
    server.createContext("/api/sessions", exchange -> json(exchange, completeness::all));
    server.createContext("/api/dead-letters", exchange -> json(exchange, deadLetters::recent));
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

  private void json(HttpExchange exchange, Supplier<Object> body) throws IOException {
    send(exchange, "application/json; charset=utf-8", json.writeValueAsBytes(body.get()));
  }

  private static void send(HttpExchange exchange, String type, byte[] body) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
