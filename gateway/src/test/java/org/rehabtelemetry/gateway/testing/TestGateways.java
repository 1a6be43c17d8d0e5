package org.rehabtelemetry.gateway.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import org.rehabtelemetry.gateway.Gateway;
import org.rehabtelemetry.gateway.auth.PasswordHash;
import org.rehabtelemetry.gateway.config.GatewayConfig;
import org.rehabtelemetry.gateway.config.GatewayConfigLoader;

/**
 * Gateway configs for tests, written as an operator would ({@code DIR/gateway.yaml}) and read by
 * the real loader: a broker, a store (influxd's {@code /write} or the embedded one), the state in
 * {@code DIR/state}, HTTP on a free port, and operators {@code op1} (operator), {@code viewer1}
 * (viewer) and {@code admin1} (admin), all with the password {@link #PASSWORD}.
 */
public final class TestGateways {
  public static final String PASSWORD = "correct horse battery";

  private TestGateways() {}

  /** The {@code storage} section for influxd 1.x at {@code url}, database {@code rehab}. */
  public static String influxd(String url) {
    return "storage: {kind: influxdb-v1, url: \"" + url + "\", database: rehab, timeoutMs: 5000}\n";
  }

  /** The {@code storage} section for the embedded store. */
  public static String embedded() {
    return "storage: {kind: embedded}\n";
  }

  /**
   * Writes a config.
   *
   * @param clientId the gateway's client id (stable, per gateway)
   * @param shareGroup {@code none} or a group
   * @param extra more YAML (sections not written here), or empty
   */
  public static Path write(
      Path dir,
      String brokerUri,
      String clientId,
      String shareGroup,
      String storage,
      String extra) {
    return write(dir, brokerUri, clientId, shareGroup, storage, extra, 0);
  }

  /** Writes a config with the dashboard on {@code httpPort} (0 for any free one). */
  public static Path write(
      Path dir,
      String brokerUri,
      String clientId,
      String shareGroup,
      String storage,
      String extra,
      int httpPort) {
    String hash = PasswordHash.create(PASSWORD.toCharArray(), 10_000).text();
    String yaml =
        "mqtt: {uri: \""
            + brokerUri
            + "\", clientId: "
            + clientId
            + ", shareGroup: "
            + shareGroup
            + "}\n"
            + "ingest: {retryInitialMs: 100, retryMaxMs: 2000}\n"
            + storage
            + "stateDir: state\n"
            + "http: {bind: 127.0.0.1, port: "
            + httpPort
            + "}\n"
            + "dashboard:\n"
            + "  operators:\n"
            + "    - {username: op1, passwordHash: \""
            + hash
            + "\", role: operator, language: en}\n"
            + "    - {username: viewer1, passwordHash: \""
            + hash
            + "\", role: viewer, language: ru}\n"
            + "    - {username: admin1, passwordHash: \""
            + hash
            + "\", role: admin, language: en}\n"
            + extra;
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve("gateway.yaml");
      Files.writeString(file, yaml, UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a config and starts a gateway in this JVM. */
  public static Gateway start(
      Path dir, String brokerUri, String clientId, String shareGroup, String storage)
      throws IOException {
    return start(dir, brokerUri, clientId, shareGroup, storage, Clock.systemUTC());
  }

  /** Writes a config and starts a gateway in this JVM on {@code clock}. */
  public static Gateway start(
      Path dir, String brokerUri, String clientId, String shareGroup, String storage, Clock clock)
      throws IOException {
    GatewayConfig config =
        GatewayConfigLoader.load(write(dir, brokerUri, clientId, shareGroup, storage, ""));
    return Gateway.start(config, clock);
  }

  /**
   * Logs in to the dashboard as {@code username} (one of the operators above). Blocks.
   *
   * @return the session cookie as {@code name=value}, for a {@code Cookie} header
   */
  public static String login(HttpClient http, Gateway gateway, String username)
      throws IOException, InterruptedException {
    HttpResponse<String> login =
        http.send(
            HttpRequest.newBuilder(URI.create("http://" + gateway.httpAddress() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "username=" + username + "&password=" + PASSWORD.replace(' ', '+')))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
  }

  /**
   * Opens the dashboard's event stream ({@code /api/live} with {@code query}, e.g. {@code
   * ?device=vert-01} or empty), as a logged-in browser does. Blocks until the response starts.
   *
   * @throws IllegalStateException when it does not answer 200, so a benchmark says so instead of
   *     printing "no events" as if nothing had been measured
   */
  public static HttpResponse<Stream<String>> liveStream(
      HttpClient http, Gateway gateway, String cookie, String query)
      throws IOException, InterruptedException {
    HttpResponse<Stream<String>> stream =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://" + gateway.httpAddress() + "/api/live" + query))
                .header("Cookie", cookie)
                .header("Accept", "text/event-stream")
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    if (stream.statusCode() != 200) {
      throw new IllegalStateException("the live stream answered " + stream.statusCode());
    }
    return stream;
  }
}
