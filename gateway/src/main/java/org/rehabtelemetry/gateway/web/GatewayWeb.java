package org.rehabtelemetry.gateway.web;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Set;
import org.rehabtelemetry.runtime.health.Liveness;
import org.rehabtelemetry.web.Json;
import org.rehabtelemetry.web.Operations;
import org.rehabtelemetry.web.WebServer;
import org.rehabtelemetry.web.WebSettings;

/**
 * The gateway's HTTP side on the project's web layer: the dashboard and its API ({@link
 * DashboardRoutes}), {@code /metrics} and {@code /health}. At most {@value #MAX_STREAMS} live
 * streams, each on its own thread, none on the request workers.
 */
public final class GatewayWeb implements AutoCloseable {
  static final int MAX_STREAMS = 32;

  private final WebServer server;

  /**
   * Serves on {@code bind:port}; blocks until bound.
   *
   * @param hostNames the host names operators reach the gateway by, besides the bind address and
   *     localhost (which are then added); empty accepts any {@code Host}
   */
  public GatewayWeb(
      String bind,
      int port,
      Set<String> hostNames,
      DashboardViews views,
      PrometheusRegistry metrics,
      Liveness liveness) {
    Set<String> hosts = new java.util.LinkedHashSet<>(hostNames);
    if (!hosts.isEmpty()) {
      hosts.addAll(Set.of("localhost", "127.0.0.1", "::1", "[::1]", bind));
    }
    WebSettings settings =
        WebSettings.defaults("gateway-http", bind, port, MAX_STREAMS).withAllowedHosts(hosts);
    DashboardRoutes routes = new DashboardRoutes(views);
    this.server =
        WebServer.start(
            settings,
            Json.mapper(),
            setup -> {
              Operations.routes(setup.config(), metrics, liveness);
              routes.declare(setup.config(), setup.streams());
            });
  }

  /** host:port actually bound. */
  public String address() {
    return server.address();
  }

  @Override
  public void close() {
    server.close();
  }
}
