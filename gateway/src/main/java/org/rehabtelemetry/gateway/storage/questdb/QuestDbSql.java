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
  private final ObjectMapper json = new ObjectMapper();

  public QuestDbSql(String url, Duration timeout) {
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
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
      response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(timeout).build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
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
