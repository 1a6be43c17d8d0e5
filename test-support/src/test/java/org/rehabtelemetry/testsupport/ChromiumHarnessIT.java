package org.rehabtelemetry.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Proves the headless-Chromium harness: a local page is loaded, read, clicked and captured. */
class ChromiumHarnessIT {
  @RegisterExtension
  static final HeadlessChromiumExtension CHROMIUM = new HeadlessChromiumExtension();

  @Test
  void localPage_isRendered_clickable_andCaptured() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
    byte[] page =
        ("<html><body><button id=b onclick=\"document.getElementById('t').textContent='clicked'\">go</button>"
                + "<p id=t>waiting</p></body></html>")
            .getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(200, page.length);
          exchange.getResponseBody().write(page);
          exchange.close();
        });
    server.start();
    try (DevToolsPage tab =
        CHROMIUM.server().open("http://127.0.0.1:" + server.getAddress().getPort() + "/")) {
      org.awaitility.Awaitility.await().until(() -> "waiting".equals(tab.text("#t")));
      tab.click("#b");
      assertEquals("clicked", tab.text("#t"));
      byte[] png = tab.screenshot();
      assertTrue(png.length > 100 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG");
    } finally {
      server.stop(0);
    }
  }
}
