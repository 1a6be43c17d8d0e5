package org.rehabtelemetry.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.SessionEvent;
import org.rehabtelemetry.protocol.SessionEventType;
import org.rehabtelemetry.protocol.SessionSummary;
import org.rehabtelemetry.testsupport.FreePort;
import org.rehabtelemetry.testsupport.JavaMains;
import org.rehabtelemetry.testsupport.MosquittoExtension;
import org.rehabtelemetry.testsupport.SocatPtyExtension;

/**
 * Done-when 2 of the device-agent issue: the agent process is killed with kill -9 mid-session and
 * restarted; every committed record is delivered, and the session ends as interrupted with its
 * reason.
 */
class AgentKillIT {
  @RegisterExtension final MosquittoExtension mosquitto = new MosquittoExtension();
  @RegisterExtension final SocatPtyExtension pty = new SocatPtyExtension();
  @TempDir Path dir;

  @Test
  void killMinus9MidSession_restartEndsItInterrupted_andEveryRecordArrives() throws Exception {
    int port = FreePort.pick();
    AgentBrokerOutageIT.config(dir, mosquitto.server().uri(), pty.server().deviceEnd(), port);
    HttpClient http = HttpClient.newHttpClient();
    try (SessionCollector collector = new SessionCollector(mosquitto.server().uri());
        HubFeeder hub = new HubFeeder(pty.server().peerEnd())) {
      hub.start();
      Process agent = startAgent();
      String sessionId;
      try {
        await()
            .atMost(Duration.ofSeconds(20))
            .ignoreExceptions()
            .until(() -> get(http, port).contains("loadLeftKg"));
        String started =
            post(
                http,
                port,
                "/api/session/start",
                "{\"patientCode\":\"P-7F3A\",\"programme\":\"standing\"}");
        sessionId = started.replaceAll(".*\"sessionId\":\"([^\"]+)\".*", "$1");
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
      } finally {
        agent.destroyForcibly().waitFor();
      }

      Process restarted = startAgent();
      try {
        await().atMost(Duration.ofSeconds(30)).until(() -> collector.summary(sessionId) != null);
        SessionSummary summary = collector.summary(sessionId);
        assertEquals(SessionEventType.INTERRUPTED, summary.outcome());
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    collector.bySeq(sessionId, new ArrayList<>()).size()
                        == summary.session().seq() + 1);
        List<Long> order = new ArrayList<>();
        Map<Long, Message> bySeq = collector.bySeq(sessionId, order);
        for (long seq = 0; seq <= summary.session().seq(); seq++) {
          assertTrue(bySeq.containsKey(seq), "seq " + seq + " delivered");
        }
        SessionEvent interrupted = (SessionEvent) bySeq.get(summary.session().seq() - 1);
        assertEquals(SessionEventType.INTERRUPTED, interrupted.event());
        assertEquals("crash or power loss found at restart", interrupted.reason());
        System.out.printf(
            "kill -9 mid-session: %d records delivered, session interrupted%n", bySeq.size());
      } finally {
        restarted.destroy();
        restarted.waitFor();
      }
    }
  }

  private Process startAgent() throws IOException {
    return JavaMains.start(
        MockBoardAgentMain.class, dir.resolve("agent.log"), dir.resolve("agent.yaml").toString());
  }

  private static String get(HttpClient http, int port) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/status")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static String post(HttpClient http, int port, String path, String body) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return response.body();
  }
}
