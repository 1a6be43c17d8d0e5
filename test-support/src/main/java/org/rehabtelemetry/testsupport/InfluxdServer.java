package org.rehabtelemetry.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A private influxd (Debian's InfluxDB 1.6.7) on 127.0.0.1 with data, WAL and meta in its temp dir,
 * usage reporting off and every background service the tests do not need disabled.
 *
 * <p>Besides the server it offers small blocking HTTP helpers ({@link #query}, {@link #write},
 * {@link #createDatabase}) so tests can prepare and read back data without a client library.
 */
public final class InfluxdServer extends ManagedServer {
  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

  private final int httpPort = FreePort.pick();
  private final int rpcPort = FreePort.pick();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  public InfluxdServer() {
    super("influxd");
  }

  public int port() {
    return httpPort;
  }

  /** The HTTP base URL, e.g. {@code http://127.0.0.1:34567}. */
  public String url() {
    return "http://127.0.0.1:" + httpPort;
  }

  /** Creates a database; blocks until the server answered. */
  public void createDatabase(String name) {
    post("/query", "q=" + encode("CREATE DATABASE \"" + name + "\""), 200);
  }

  /** Writes line protocol to {@code database} through the v1 {@code /write} endpoint. */
  public void write(String database, String lineProtocol) {
    post("/write?db=" + encode(database), lineProtocol, 204);
  }

  /** Runs an InfluxQL query and returns the raw JSON answer. */
  public String query(String database, String influxQl) {
    return get("/query?db=" + encode(database) + "&q=" + encode(influxQl));
  }

  @Override
  protected List<String> prepare() {
    Path binary = Binaries.require("influxd", "influxdb");
    Path config = dir().resolve("influxd.conf");
    String toml =
        String.join(
            "\n",
            "reporting-disabled = true",
            "bind-address = \"127.0.0.1:" + rpcPort + "\"",
            "[meta]",
            "  dir = \"" + dir().resolve("meta") + "\"",
            "[data]",
            "  dir = \"" + dir().resolve("data") + "\"",
            "  wal-dir = \"" + dir().resolve("wal") + "\"",
            "  query-log-enabled = false",
            "[monitor]",
            "  store-enabled = false",
            "[http]",
            "  enabled = true",
            "  bind-address = \"127.0.0.1:" + httpPort + "\"",
            "  log-enabled = false",
            "[subscriber]",
            "  enabled = false",
            "[continuous_queries]",
            "  enabled = false",
            "");
    try {
      Files.writeString(config, toml);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + config, e);
    }
    return List.of(binary.toString(), "-config", config.toString());
  }

  @Override
  protected boolean isReady() {
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url() + "/ping"))
                  .timeout(Duration.ofMillis(500))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 204;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private String get(String pathAndQuery) {
    return send(HttpRequest.newBuilder(URI.create(url() + pathAndQuery)).GET(), 200);
  }

  private void post(String pathAndQuery, String body, int expectedStatus) {
    send(
        HttpRequest.newBuilder(URI.create(url() + pathAndQuery))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)),
        expectedStatus);
  }

  private String send(HttpRequest.Builder request, int expectedStatus) {
    try {
      HttpResponse<String> response =
          http.send(
              request.timeout(HTTP_TIMEOUT).build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() != expectedStatus) {
        throw new IllegalStateException(
            "influxd answered "
                + response.statusCode()
                + " (expected "
                + expectedStatus
                + "): "
                + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException("influxd at " + url() + " did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for influxd", e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
