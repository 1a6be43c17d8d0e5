package org.rehabtelemetry.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Debian's Chromium, headless, driven over the DevTools protocol ({@link DevToolsPage}): no
 * chromedriver, no Selenium. Started as root-safe (--no-sandbox) with background networking off, so
 * it never reaches beyond 127.0.0.1, and with a fresh profile in its temp dir.
 */
public final class HeadlessChromium extends ManagedServer {
  private final HttpClient http = HttpClient.newHttpClient();
  private int port;

  public HeadlessChromium() {
    super("chromium");
  }

  /** Opens a new tab at {@code url}. */
  public DevToolsPage open(String url) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + port + "/json/new?about:blank"))
                  .PUT(HttpRequest.BodyPublishers.noBody())
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      String socket =
          response.body().replaceAll("(?s).*\"webSocketDebuggerUrl\"\\s*:\\s*\"([^\"]+)\".*", "$1");
      DevToolsPage page = new DevToolsPage(URI.create(socket));
      page.navigate(url);
      return page;
    } catch (IOException e) {
      throw new UncheckedIOException("Chromium's DevTools endpoint did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  protected List<String> prepare() {
    Path binary = Binaries.require("chromium", "chromium");
    try {
      Files.deleteIfExists(dir().resolve("profile").resolve("DevToolsActivePort"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.of(
        binary.toString(),
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-extensions",
        "--no-first-run",
        "--no-default-browser-check",
        "--window-size=1024,720",
        "--remote-debugging-address=127.0.0.1",
        "--remote-debugging-port=0",
        "--user-data-dir=" + dir().resolve("profile"),
        "about:blank");
  }

  @Override
  protected boolean isReady() {
    Path active = dir().resolve("profile").resolve("DevToolsActivePort");
    try {
      if (!Files.exists(active)) {
        return false;
      }
      List<String> lines = Files.readAllLines(active);
      if (lines.isEmpty() || lines.get(0).isBlank()) {
        return false;
      }
      port = Integer.parseInt(lines.get(0).trim());
      return FreePort.isListening(port);
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }
}
