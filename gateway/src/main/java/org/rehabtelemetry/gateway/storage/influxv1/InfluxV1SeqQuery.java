package org.rehabtelemetry.gateway.storage.influxv1;

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
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.rehabtelemetry.gateway.storage.SeqQuery;
import org.rehabtelemetry.gateway.storage.StoredRows;

/**
 * Asks InfluxDB 1.x (InfluxQL over {@code /query}, one statement per measurement) which seqs of a
 * session are stored, across the measurements that carry one: {@code batch}, {@code session_event},
 * {@code alarm}, {@code session_summary}; {@value SeqQuery#PAGE} rows a page; and the explanations
 * of missing seqs in {@code session_lost} and {@code session_refused}. InfluxDB 2.x answers the
 * same on {@code /query} for a bucket with a DBRP mapping (token authorisation). Session ids are
 * restricted by the protocol to {@code [A-Za-z0-9_-]}; quotes are escaped all the same.
 * Thread-safe.
 */
public final class InfluxV1SeqQuery implements SeqQuery {
  private static final String[] MEASUREMENTS = {
    "batch", "session_event", "alarm", "session_summary"
  };

  private final String base;
  private final String database;
  private final String authorization;
  private final Duration timeout;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param authorization the Authorization header ({@code Basic ...} or {@code Token ...}), or null
   *     for none; never logged
   */
  public InfluxV1SeqQuery(String url, String database, String authorization, Duration timeout) {
    this.authorization = authorization;
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.database = database;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public boolean storedSeqs(String site, String device, String sessionId, LongConsumer seqs) {
    String owner = owner(site, device, sessionId);
    // One statement per measurement: "session" is a tag in batch, session_event and
    // session_summary but a field in alarm, and InfluxDB 1.x resolves a name across all the
    // measurements of one SELECT, which then finds nothing in the others.
    for (String measurement : MEASUREMENTS) {
      boolean asked =
          paged(
              "SELECT seq FROM " + measurement + " WHERE " + owner,
              row -> StoredRows.seq(row.get(1), seqs));
      if (!asked) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean explanations(
      String site,
      String device,
      String sessionId,
      Consumer<StoredLost> lost,
      Consumer<StoredRefusal> refused) {
    String owner = owner(site, device, sessionId);
    return paged(
            "SELECT seqs, reason FROM session_lost WHERE " + owner,
            row -> StoredRows.lost(row, lost))
        && paged(
            "SELECT seq, reason FROM session_refused WHERE " + owner,
            row -> StoredRows.refused(row, refused));
  }

  /**
   * Session ids are restricted by the protocol to [A-Za-z0-9_-]; quotes are escaped all the same.
   */
  private static String quoted(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** The session's own points: its site and device too (in every measurement, tags or fields). */
  private static String owner(String site, String device, String sessionId) {
    return "session = "
        + quoted(sessionId)
        + " AND site = "
        + quoted(site)
        + " AND device = "
        + quoted(device);
  }

  /** Runs {@code query} a page at a time; returns false if it could not be asked. */
  private boolean paged(String query, Consumer<JsonNode> rows) {
    for (long offset = 0; ; offset += PAGE) {
      int count = page(query + " LIMIT " + PAGE + " OFFSET " + offset, rows);
      if (count < 0) {
        return false;
      }
      if (count < PAGE) {
        return true;
      }
    }
  }

  /** Runs one query; returns the rows handed out, or -1 if it could not be asked. */
  private int page(String query, Consumer<JsonNode> rows) {
    URI uri =
        URI.create(
            base
                + "/query?db="
                + URLEncoder.encode(database, StandardCharsets.UTF_8)
                + "&q="
                + URLEncoder.encode(query, StandardCharsets.UTF_8));
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout);
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return -1;
      }
      int count = 0;
      for (JsonNode result : json.readTree(response.body()).path("results")) {
        if (result.has("error")) {
          return -1; // e.g. a shard that could not be read: the answer is not the whole truth
        }
        for (JsonNode series : result.path("series")) {
          for (JsonNode row : series.path("values")) {
            count++;
            rows.accept(row);
          }
        }
      }
      return count;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
