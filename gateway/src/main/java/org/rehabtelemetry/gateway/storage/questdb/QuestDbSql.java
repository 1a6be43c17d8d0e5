package org.rehabtelemetry.gateway.storage.questdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** SQL over QuestDB's HTTP {@code /exec} endpoint. Blocks up to the timeout. Thread-safe. */
public final class QuestDbSql {
  private final String base;
  private final Duration timeout;
  private final HttpClient http;
  private final String authorization;
  private final ObjectMapper json = new ObjectMapper();

  /** A client without credentials (a QuestDB that asks for none). */
  public QuestDbSql(String url, Duration timeout) {
    this(url, timeout, null);
  }

  /**
   * @param authorization the {@code Authorization} header's value, e.g. {@code Basic ...}, or null;
   *     never logged
   */
  public QuestDbSql(String url, Duration timeout, String authorization) {
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.authorization = authorization;
  }

  /**
   * Runs one statement.
   *
   * @return the answer: for a query, {@code columns} and {@code dataset} (rows of values)
   * @throws IOException if QuestDB cannot be reached or rejects the statement (with its message)
   */
  public JsonNode execute(String statement) throws IOException {
    URI uri =
        URI.create(base + "/exec?query=" + URLEncoder.encode(statement, StandardCharsets.UTF_8));
    HttpResponse<String> response;
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout);
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (response.statusCode() == 401) {
      throw new IOException("QuestDB refused the credentials (401)");
    }
    JsonNode answer = json.readTree(response.body());
    if (response.statusCode() != 200 || answer.has("error")) {
      throw new IOException(
          "QuestDB rejected \""
              + statement
              + "\" ("
              + response.statusCode()
              + "): "
              + answer.path("error").asText(response.body()));
    }
    return answer;
  }
}
