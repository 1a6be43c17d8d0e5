package org.rehabtelemetry.gateway.storage.influxv1;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.rehabtelemetry.gateway.storage.Lines;
import org.rehabtelemetry.gateway.storage.RetryClassifier;
import org.rehabtelemetry.gateway.storage.TimeSeriesSink;
import org.rehabtelemetry.gateway.storage.WriteFailure;

/**
 * Writes to InfluxDB 1.x through {@code POST /write?db=DB&precision=u} (Debian's 1.6.7 has no v2
 * API). A 204 answer means the points are stored. Credentials, if any, go in a Basic header and are
 * never logged. Thread-safe.
 */
public final class InfluxV1Sink implements TimeSeriesSink {
  private final URI writeUri;
  private final String describe;
  private final String authorization;
  private final Duration timeout;
  private final HttpClient http;

  /**
   * @param url e.g. {@code http://127.0.0.1:8086}
   * @param database the database, created beforehand
   * @param username null for none
   * @param password null for none; never logged
   */
  public InfluxV1Sink(
      String url, String database, String username, char[] password, Duration timeout) {
    String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.writeUri =
        URI.create(
            base + "/write?precision=u&db=" + URLEncoder.encode(database, StandardCharsets.UTF_8));
    this.describe = "influxdb-v1 " + base + "/" + database;
    this.authorization = basicAuthorization(username, password);
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /**
   * The {@code Authorization} header for InfluxDB 1.x's Basic authentication, or null without a
   * username. Never logged.
   */
  public static String basicAuthorization(String username, char[] password) {
    if (username == null) {
      return null;
    }
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(
                (username + ":" + new String(password == null ? new char[0] : password))
                    .getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public Optional<WriteFailure> write(Lines lines) {
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(writeUri)
            .timeout(timeout)
            .header("Content-Type", "text/plain; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(lines.text(), StandardCharsets.UTF_8));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 204 || response.statusCode() == 200) {
        return Optional.empty();
      }
      return Optional.of(
          RetryClassifier.ofStatus(
              response.statusCode(),
              response.body(),
              response.headers().firstValue("Retry-After")));
    } catch (IOException e) {
      return Optional.of(RetryClassifier.ofException(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of(RetryClassifier.ofException(e));
    }
  }

  @Override
  public String describe() {
    return describe;
  }
}
