package org.rehabtelemetry.gateway.storage;

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
import java.util.BitSet;
import java.util.Optional;
import org.rehabtelemetry.gateway.session.SeqQuery;

/**
 * Asks InfluxDB 1.x (InfluxQL over {@code /query}, one statement per measurement) which seqs of a
 * session are stored, across the measurements that carry one: {@code batch}, {@code session_event},
 * {@code alarm}, {@code session_summary}. Session ids are restricted by the protocol to {@code
 * [A-Za-z0-9_-]}; quotes are escaped all the same. Thread-safe.
 */
public final class InfluxV1SeqQuery implements SeqQuery {
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
  public Optional<BitSet> storedSeqs(String sessionId) {
    // One statement per measurement: "session" is a tag in batch, session_event and
    // session_summary but a field in alarm, and InfluxDB 1.x resolves a name across all the
    // measurements of one SELECT, which then finds nothing in the others.
    String session = "'" + sessionId.replace("\\", "\\\\").replace("'", "\\'") + "'";
    StringBuilder query = new StringBuilder();
    for (String measurement : new String[] {"batch", "session_event", "alarm", "session_summary"}) {
      query
          .append(query.isEmpty() ? "" : "; ")
          .append("SELECT seq FROM ")
          .append(measurement)
          .append(" WHERE session = ")
          .append(session);
    }
    URI uri =
        URI.create(
            base
                + "/query?db="
                + URLEncoder.encode(database, StandardCharsets.UTF_8)
                + "&q="
                + URLEncoder.encode(query.toString(), StandardCharsets.UTF_8));
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout);
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return Optional.empty();
      }
      BitSet seqs = new BitSet();
      for (JsonNode result : json.readTree(response.body()).path("results")) {
        for (JsonNode series : result.path("series")) {
          for (JsonNode row : series.path("values")) {
            JsonNode seq = row.get(1);
            if (seq != null && seq.canConvertToInt() && seq.asLong() >= 0) {
              seqs.set(seq.asInt());
            }
          }
        }
      }
      return Optional.of(seqs);
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
