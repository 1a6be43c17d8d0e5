package org.rehabtelemetry.agent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The CLI's side of the control API: a mixin with {@code --api HOST:PORT} that sends one request
 * and prints the answer (an error answer on stderr). Exit 0 for a 2xx answer, 1 otherwise.
 */
final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(
      names = "--api",
      defaultValue = "127.0.0.1:8088",
      description = "The running agent's control API (default ${DEFAULT-VALUE}).")
  String api;

  int get(String path, PrintWriter out, PrintWriter err) {
    return send(HttpRequest.newBuilder(uri(path)).GET(), out, err);
  }

  int post(String path, Object body, PrintWriter out, PrintWriter err) {
    String json;
    try {
      json = JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalStateException("a map of strings and numbers always serialises", e);
    }
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)),
        out,
        err);
  }

  private int send(HttpRequest.Builder request, PrintWriter out, PrintWriter err) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    try {
      HttpResponse<String> response =
          client.send(
              request.timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      boolean ok = response.statusCode() / 100 == 2;
      (ok ? out : err).println(response.body());
      (ok ? out : err).flush();
      return ok ? 0 : 1;
    } catch (IOException e) {
      err.println("cannot reach the agent at " + api + ": " + e.getMessage());
      err.flush();
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  private URI uri(String path) {
    return URI.create("http://" + api + path);
  }
}
