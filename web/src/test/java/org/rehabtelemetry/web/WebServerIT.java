package org.rehabtelemetry.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hardening every web surface gets, against a real Jetty on a loopback port. */
class WebServerIT {
  private final HttpClient http = HttpClient.newHttpClient();
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicReference<String> streamThread = new AtomicReference<>();
  private WebServer server;

  @AfterEach
  void stop() {
    release.countDown();
    if (server != null) {
      server.close();
    }
  }

  private void start(WebSettings settings) {
    server =
        WebServer.start(
            settings,
            Json.mapper(),
            setup -> {
              setup.config().routes.get("/fast", ctx -> ctx.json(Map.of("ok", true)));
              setup
                  .config()
                  .routes
                  .get(
                      "/slow",
                      ctx -> {
                        release.await(10, TimeUnit.SECONDS);
                        ctx.result("done");
                      });
              setup.config().routes.post("/echo", ctx -> ctx.json(ctx.bodyAsClass(Map.class)));
              BundledFiles.read("/bundled-test", List.of("page.html"))
                  .serve(setup.config(), "/files");
              setup
                  .config()
                  .routes
                  .get(
                      "/broken",
                      ctx -> {
                        throw new StackOverflowError("a handler ran out of stack (test)");
                      });
              setup
                  .streams()
                  .route(
                      setup.config(),
                      "/events",
                      client -> {
                        streamThread.set(Thread.currentThread().getName());
                        while (!client.terminated()) {
                          client.sendEvent("tick", "{}");
                          Thread.sleep(100);
                        }
                      });
            });
  }

  private WebSettings settings() {
    return new WebSettings(
        "test-http",
        "127.0.0.1",
        0,
        6,
        1,
        1,
        Duration.ofMillis(300),
        Duration.ofMillis(800),
        256,
        2,
        Set.of("127.0.0.1", "localhost"),
        true);
  }

  @Test
  void anErrorInAHandler_endsTheProcess_asEveryWorkerDoes() throws Exception {
    java.util.concurrent.atomic.AtomicInteger exit =
        new java.util.concurrent.atomic.AtomicInteger();
    org.rehabtelemetry.runtime.threads.FailFast.Exiter previous =
        org.rehabtelemetry.runtime.threads.FailFast.exiter(exit::set);
    try {
      start(settings());
      try {
        get("/broken");
      } catch (java.io.IOException e) {
        // the connection may be dropped: the process is going away
      }
      assertEquals(org.rehabtelemetry.runtime.threads.FailFast.EXIT_CODE, exit.get());
    } finally {
      org.rehabtelemetry.runtime.threads.FailFast.exiter(previous);
    }
  }

  @Test
  void whenTheWorkersAreBusy_moreRequestsAreAnswered503_notQueuedForEver() throws Exception {
    start(settings());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Integer>> slow = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      slow.add(pool.submit(() -> get("/slow").statusCode()));
    }
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> slow.stream().filter(Future::isDone).count() >= 2);
    release.countDown();
    List<Integer> codes = new ArrayList<>();
    for (Future<Integer> f : slow) {
      codes.add(f.get(10, TimeUnit.SECONDS));
    }
    assertTrue(codes.contains(200), codes.toString());
    assertTrue(codes.stream().filter(c -> c == 503).count() >= 2, codes.toString());
    assertEquals(200, get("/fast").statusCode(), "answers again once the load is gone");
    pool.shutdownNow();
  }

  @Test
  void aClientThatStopsSendingHalfwayIsDisconnected_byTheReadTimeout() throws Exception {
    start(settings());
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write("GET /fast HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long start = System.nanoTime();
      InputStream in = socket.getInputStream();
      while (in.read() >= 0) {
        // drain whatever the server says before it closes
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(millis >= 700 && millis < 4000, "closed after " + millis + " ms");
    }
  }

  @Test
  void bundledFiles_areServedWithTheirTypeAndTheGuardsHeaders() throws Exception {
    start(settings());
    HttpResponse<String> page = get("/files/page.html");
    assertEquals(200, page.statusCode());
    assertEquals("<!doctype html><title>t</title>\n", page.body());
    assertEquals(
        "text/html;charset=utf-8",
        page.headers().firstValue("Content-Type").orElse("").replace(" ", ""));
    assertEquals(RequestGuard.CSP, page.headers().firstValue("Content-Security-Policy").orElse(""));
    assertEquals(404, get("/files/notes.txt").statusCode(), "only the named files are served");
  }

  @Test
  void bodiesAreBounded_andBadJsonIs400() throws Exception {
    start(settings());
    assertEquals(413, post("/echo", "{\"a\":\"" + "x".repeat(400) + "\"}", "application/json"));
    assertEquals(400, post("/echo", "{not json", "application/json"));
    assertEquals(200, post("/echo", "{\"a\":1}", "application/json"));
  }

  @Test
  void anotherHost_crossSiteWrites_andNonJsonWrites_areRefused() throws Exception {
    start(settings());
    assertTrue(
        raw("GET /fast HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
            .startsWith("HTTP/1.1 421"),
        "a page that rebinds its own name to this address (DNS rebinding)");
    HttpResponse<String> crossOrigin =
        http.send(
            HttpRequest.newBuilder(uri("/echo"))
                .header("Origin", "http://evil.example")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(403, crossOrigin.statusCode());
    assertEquals(415, post("/echo", "{}", "text/plain"), "a no-cors simple POST");
    HttpResponse<String> ok = get("/fast");
    assertEquals(200, ok.statusCode());
    assertTrue(ok.headers().firstValue("Content-Security-Policy").orElse("").contains("'self'"));
    assertEquals("nosniff", ok.headers().firstValue("X-Content-Type-Options").orElse(""));
    assertEquals("DENY", ok.headers().firstValue("X-Frame-Options").orElse(""));
  }

  @Test
  void streamsRunOffTheWorkers_areBounded_andLeaveCommandsServed() throws Exception {
    start(settings());
    List<HttpResponse<InputStream>> open = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      open.add(
          http.send(
              HttpRequest.newBuilder(uri("/events")).header("Accept", "text/event-stream").build(),
              HttpResponse.BodyHandlers.ofInputStream()));
      assertEquals(200, open.get(i).statusCode());
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> streamThread.get() != null);
    assertTrue(streamThread.get().startsWith("test-http-stream-"), streamThread.get());
    HttpResponse<String> third =
        http.send(
            HttpRequest.newBuilder(uri("/events")).header("Accept", "text/event-stream").build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(503, third.statusCode());
    assertEquals(200, get("/fast").statusCode(), "commands are served while streams are full");
    byte[] first = open.get(0).body().readNBytes(10);
    assertEquals("event: tic", new String(first, StandardCharsets.UTF_8));
    for (HttpResponse<InputStream> stream : open) {
      stream.body().close();
    }
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private int post(String path, String body, String type) throws IOException, InterruptedException {
    return http.send(
            HttpRequest.newBuilder(uri(path))
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  /** Sends a request as written (the JDK client refuses to set Host) and returns the answer. */
  private String raw(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }
}
