package org.rehabtelemetry.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One browser tab over the Chrome DevTools protocol: navigate, evaluate JavaScript, capture a
 * screenshot. Every call blocks up to 10 s for Chromium's answer. Thread-safe.
 */
public final class DevToolsPage implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final WebSocket socket;

  DevToolsPage(URI webSocket) {
    this.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .buildAsync(webSocket, new Listener())
            .join();
  }

  public void navigate(String url) {
    call("Page.enable", Map.of());
    call("Page.navigate", Map.of("url", url));
  }

  /** Evaluates an expression (promises awaited) and returns its value as JSON. */
  public JsonNode evaluate(String expression) {
    JsonNode result =
        call(
            "Runtime.evaluate",
            Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
    if (result.has("exceptionDetails")) {
      throw new IllegalStateException(
          "JavaScript failed: " + result.get("exceptionDetails").toString());
    }
    return result.path("result").path("value");
  }

  /** The text of the first element matching a CSS selector, or null if there is none. */
  public String text(String selector) {
    JsonNode value =
        evaluate(
            "(() => { const e = document.querySelector("
                + quote(selector)
                + "); return e ? e.textContent : null; })()");
    return value.isNull() || value.isMissingNode() ? null : value.asText();
  }

  /** Whether an element matching the selector exists and is displayed. */
  public boolean visible(String selector) {
    return evaluate(
            "(() => { const e = document.querySelector("
                + quote(selector)
                + "); return !!e && e.offsetParent !== null; })()")
        .asBoolean();
  }

  /** Clicks the first element matching the selector. */
  public void click(String selector) {
    evaluate("document.querySelector(" + quote(selector) + ").click()");
  }

  /** Types a value into an input, as a user would (with an input event). */
  public void type(String selector, String value) {
    evaluate(
        "(() => { const e = document.querySelector("
            + quote(selector)
            + "); e.value = "
            + quote(value)
            + "; e.dispatchEvent(new Event('input', {bubbles: true})); })()");
  }

  /** A PNG screenshot of the page. */
  public byte[] screenshot() {
    return Base64.getDecoder()
        .decode(call("Page.captureScreenshot", Map.of("format", "png")).get("data").asText());
  }

  // A best-effort close: nothing waits for it, and the browser may be gone already (a failed close
  // frame changes nothing for the test).
  @SuppressWarnings("FutureReturnValueIgnored")
  @Override
  public void close() {
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
  }

  private JsonNode call(String method, Map<String, Object> params) {
    int id = ids.incrementAndGet();
    ObjectNode message = JSON.createObjectNode();
    message.put("id", id);
    message.put("method", method);
    message.set("params", JSON.valueToTree(params));
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    try {
      synchronized (socket) {
        socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
      }
      JsonNode response = answer.get(10, TimeUnit.SECONDS);
      if (response.has("error")) {
        throw new IllegalStateException(method + " failed: " + response.get("error"));
      }
      return response.path("result");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException | java.io.IOException e) {
      throw new IllegalStateException(method + " got no answer from Chromium", e);
    } finally {
      pending.remove(id);
    }
  }

  private static String quote(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode message = JSON.readTree(partial.toString());
          CompletableFuture<JsonNode> answer =
              message.has("id") ? pending.get(message.get("id").asInt()) : null;
          if (answer != null) {
            answer.complete(message);
          }
        } catch (java.io.IOException e) {
          // Not JSON: ignore; the caller times out with a clear message.
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }
  }
}
