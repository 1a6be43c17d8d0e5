package org.rehabtelemetry.gateway.storage.influxv2;

import java.time.Duration;
import org.rehabtelemetry.gateway.storage.OpenStore;
import org.rehabtelemetry.gateway.storage.StoreSettings;
import org.rehabtelemetry.gateway.storage.influxv1.InfluxV1SeqQuery;

/**
 * InfluxDB 2.x, 3.x, Cloud or 1.8+ through {@code /api/v2/write} (influxdb-client-java), {@code
 * storage.kind: influxdb-v2}. Completeness asks {@code /query} with InfluxQL, which InfluxDB 2.x
 * answers for a bucket with a DBRP mapping.
 *
 * @param token null for none; read from a file, never logged
 */
// The token is a char[] so it can be wiped and never becomes a String in a log; toString
// below hides it, and settings are never compared (equals would use the array's identity).
@SuppressWarnings("ArrayRecordComponent")
public record InfluxV2Settings(
    String url, String org, String bucket, char[] token, Duration timeout)
    implements StoreSettings {

  @Override
  public String kind() {
    return "influxdb-v2";
  }

  @Override
  public OpenStore open() {
    InfluxV2Sink sink = new InfluxV2Sink(url, org, bucket, token, timeout);
    return new OpenStore(
        sink,
        new InfluxV1SeqQuery(
            url, bucket, token == null ? null : "Token " + new String(token), timeout),
        () -> {},
        sink.describe());
  }

  @Override
  public String toString() {
    return "InfluxV2Settings["
        + url
        + " org="
        + org
        + " bucket="
        + bucket
        + (token == null ? ", no token" : ", token=***")
        + "]";
  }
}
