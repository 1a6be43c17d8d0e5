package org.rehabtelemetry.web;

import java.time.Duration;
import java.util.Set;

/**
 * How a {@link WebServer} bounds what clients can make it do.
 *
 * @param name names its threads and log lines, e.g. {@code gateway-http}
 * @param bind the address it listens on
 * @param port the port; 0 for any free one
 * @param workers Jetty's request threads at most
 * @param maxConcurrent requests handled at once; more wait (holding no thread)
 * @param maxWaiting requests waiting at most; beyond, a request is answered 503 at once
 * @param maxWait how long a request may wait for its turn before it is answered 503
 * @param idleTimeout a connection that sends or reads nothing for this long is closed: the read
 *     timeout that ends slow or stalled clients
 * @param maxBodyBytes the largest request body read; a larger one is answered 413
 * @param maxStreams server-sent event streams at once; more are answered 503
 * @param allowedHosts host names (without port) a request's {@code Host} may name; empty accepts
 *     any. Guards a local API against DNS rebinding
 * @param jsonOnlyWrites whether POST, PUT and DELETE must carry {@code Content-Type:
 *     application/json}, which a cross-site "simple" request (a form, a no-cors fetch) cannot send
 */
public record WebSettings(
    String name,
    String bind,
    int port,
    int workers,
    int maxConcurrent,
    int maxWaiting,
    Duration maxWait,
    Duration idleTimeout,
    int maxBodyBytes,
    int maxStreams,
    Set<String> allowedHosts,
    boolean jsonOnlyWrites) {

  public WebSettings {
    allowedHosts = Set.copyOf(allowedHosts);
    if (workers < 4 || maxConcurrent < 1 || maxConcurrent > workers - 2) {
      throw new IllegalArgumentException(
          name
              + ": need workers >= 4 and 1 <= maxConcurrent <= workers - 2 (Jetty's acceptor and"
              + " selector take two), got "
              + workers
              + " and "
              + maxConcurrent);
    }
  }

  /**
   * Defaults sized for a small server on 2 cores: 12 workers, 8 requests at once, 16 waiting for up
   * to 1 s, a 15 s read timeout, 16 KiB bodies, {@code maxStreams} streams.
   */
  public static WebSettings defaults(String name, String bind, int port, int maxStreams) {
    return new WebSettings(
        name,
        bind,
        port,
        12,
        8,
        16,
        Duration.ofSeconds(1),
        Duration.ofSeconds(15),
        16 * 1024,
        maxStreams,
        Set.of(),
        false);
  }

  /** The same settings with only these host names accepted. */
  public WebSettings withAllowedHosts(Set<String> hosts) {
    return with(hosts, jsonOnlyWrites);
  }

  /** The same settings with JSON required on writes. */
  public WebSettings withJsonOnlyWrites() {
    return with(allowedHosts, true);
  }

  private WebSettings with(Set<String> hosts, boolean json) {
    return new WebSettings(
        name,
        bind,
        port,
        workers,
        maxConcurrent,
        maxWaiting,
        maxWait,
        idleTimeout,
        maxBodyBytes,
        maxStreams,
        hosts,
        json);
  }
}
