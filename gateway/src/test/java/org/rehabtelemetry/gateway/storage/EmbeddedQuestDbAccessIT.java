package org.rehabtelemetry.gateway.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.gateway.storage.questdb.EmbeddedQuestDb;
import org.rehabtelemetry.gateway.storage.questdb.QuestDbSql;

/**
 * The embedded store answers only the gateway: without its per-run password (or with a wrong one)
 * every HTTP endpoint, the SQL console's API and the write API included, says 401, so a local user
 * or a browser page on the gateway host can neither read patient codes nor drop a table.
 */
class EmbeddedQuestDbAccessIT {
  @TempDir Path dir;

  @Test
  void onlyTheGatewaysCredentials_open_theSqlAndWriteApis() throws Exception {
    try (EmbeddedQuestDb db = EmbeddedQuestDb.start(dir.resolve("q"), 0)) {
      HttpClient http = HttpClient.newHttpClient();
      String drop =
          db.url()
              + "/exec?query="
              + URLEncoder.encode("DROP TABLE \"sample\"", StandardCharsets.UTF_8);
      String read =
          db.url()
              + "/exec?query="
              + URLEncoder.encode("SELECT patient_code FROM session_event", StandardCharsets.UTF_8);
      String wrong =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(
                      (EmbeddedQuestDb.USER + ":guess").getBytes(StandardCharsets.UTF_8));
      for (String url : new String[] {drop, read, db.url() + "/api/v2/write?bucket=rehab"}) {
        assertEquals(401, status(http, url, null), "no credentials: " + url);
        assertEquals(401, status(http, url, wrong), "wrong password: " + url);
      }
      // A real write (a line POSTed to the v2 API) is refused too.
      for (String authorization : new String[] {null, wrong}) {
        HttpRequest.Builder post =
            HttpRequest.newBuilder(URI.create(db.url() + "/api/v2/write?bucket=rehab&precision=u"))
                .POST(HttpRequest.BodyPublishers.ofString("sample,device=evil value=1 1000\n"));
        if (authorization != null) {
          post.header("Authorization", authorization);
        }
        assertEquals(
            401, http.send(post.build(), HttpResponse.BodyHandlers.discarding()).statusCode());
      }
      HttpResponse<String> crossOrigin =
          http.send(
              HttpRequest.newBuilder(URI.create(read))
                  .header("Origin", "http://evil.example")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(401, crossOrigin.statusCode(), "a browser page's request carries no password");
      assertFalse(crossOrigin.body().contains("P-"), crossOrigin.body());

      // The gateway's own client works, and the table it was refused to drop is still there.
      assertTrue(
          db.sql(Duration.ofSeconds(5)).execute("SELECT count() FROM \"sample\"").has("dataset"));
      IOException refused =
          assertThrows(
              IOException.class,
              () -> new QuestDbSql(db.url(), Duration.ofSeconds(5)).execute("SELECT 1"));
      assertTrue(refused.getMessage().contains("401"), refused.getMessage());
    }
  }

  private static int status(HttpClient http, String url, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
