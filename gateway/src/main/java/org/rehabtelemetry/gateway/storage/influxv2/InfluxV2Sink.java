package org.rehabtelemetry.gateway.storage.influxv2;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.exceptions.InfluxException;
import java.time.Duration;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.rehabtelemetry.gateway.storage.Lines;
import org.rehabtelemetry.gateway.storage.RetryClassifier;
import org.rehabtelemetry.gateway.storage.TimeSeriesSink;
import org.rehabtelemetry.gateway.storage.WriteFailure;

/**
 * Writes through the InfluxDB v2 API ({@code POST /api/v2/write}) with influxdb-client-java's
 * blocking write API: InfluxDB 2.x, 3.x, Cloud and 1.8+, and the gateway's embedded QuestDB. The
 * points go as pre-encoded line protocol (microsecond precision), which is several times faster
 * than the client's {@code Point} objects. The client's asynchronous, buffering write API is not
 * used: it drops points when its buffer fills.
 *
 * <p>The token, if any, is never logged. Thread-safe.
 */
public final class InfluxV2Sink implements TimeSeriesSink {
  private final InfluxDBClient client;
  private final WriteApiBlocking writes;
  private final String describe;

  /**
   * @param url e.g. {@code http://127.0.0.1:8086}
   * @param org the organisation (ignored by QuestDB)
   * @param bucket the bucket (ignored by QuestDB)
   * @param token null for none; never logged
   * @param timeout one write's connect, read and write timeout
   */
  public InfluxV2Sink(String url, String org, String bucket, char[] token, Duration timeout) {
    this(url, org, bucket, token, timeout, null);
  }

  /**
   * The same, sending {@code authorization} as the {@code Authorization} header of every request
   * (e.g. HTTP basic credentials for the embedded QuestDB) instead of a token; never logged.
   */
  public InfluxV2Sink(
      String url, String org, String bucket, char[] token, Duration timeout, String authorization) {
    OkHttpClient.Builder http =
        new OkHttpClient.Builder()
            .connectTimeout(timeout)
            .readTimeout(timeout)
            .writeTimeout(timeout)
            .retryOnConnectionFailure(false);
    if (authorization != null) {
      http.addInterceptor(
          chain ->
              chain.proceed(
                  chain.request().newBuilder().header("Authorization", authorization).build()));
    }
    InfluxDBClientOptions.Builder options =
        InfluxDBClientOptions.builder().url(url).org(org).bucket(bucket).okHttpClient(http);
    if (token != null) {
      options.authenticateToken(token);
    }
    this.client = InfluxDBClientFactory.create(options.build());
    this.writes = client.getWriteApiBlocking();
    this.describe = "influxdb-v2 " + url + " org=" + org + " bucket=" + bucket;
  }

  @Override
  public Optional<WriteFailure> write(Lines lines) {
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    try {
      writes.writeRecord(WritePrecision.US, lines.text());
      return Optional.empty();
    } catch (InfluxException e) {
      if (e.status() == 0) {
        return Optional.of(RetryClassifier.ofException(e));
      }
      return Optional.of(
          RetryClassifier.ofStatus(e.status(), e.getMessage(), Optional.ofNullable(retryAfter(e))));
    } catch (RuntimeException e) {
      return Optional.of(RetryClassifier.ofException(e));
    }
  }

  private static String retryAfter(InfluxException e) {
    for (var header : e.headers().entrySet()) {
      if (header.getKey().equalsIgnoreCase("Retry-After")) {
        return header.getValue();
      }
    }
    return null;
  }

  @Override
  public String describe() {
    return describe;
  }

  @Override
  public void close() {
    client.close();
  }
}
