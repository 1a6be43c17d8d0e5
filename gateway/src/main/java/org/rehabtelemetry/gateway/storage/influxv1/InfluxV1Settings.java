package org.rehabtelemetry.gateway.storage.influxv1;

import java.time.Duration;
import org.rehabtelemetry.gateway.storage.OpenStore;
import org.rehabtelemetry.gateway.storage.StoreSettings;

/**
 * InfluxDB 1.x through {@code /write} (Debian's 1.6.7), {@code storage.kind: influxdb-v1}.
 *
 * @param url e.g. {@code http://127.0.0.1:8086}
 * @param database the database, created beforehand
 * @param username null for none
 * @param password null for none; read from a file, never logged
 * @param timeout one request's timeout
 */
// The password is a char[] so it can be wiped and never becomes a String in a log; toString
// below hides it, and settings are never compared (equals would use the array's identity).
@SuppressWarnings("ArrayRecordComponent")
public record InfluxV1Settings(
    String url, String database, String username, char[] password, Duration timeout)
    implements StoreSettings {

  @Override
  public String kind() {
    return "influxdb-v1";
  }

  @Override
  public OpenStore open() {
    InfluxV1Sink sink = new InfluxV1Sink(url, database, username, password, timeout);
    return new OpenStore(
        sink,
        new InfluxV1SeqQuery(
            url, database, InfluxV1Sink.basicAuthorization(username, password), timeout),
        () -> {},
        sink.describe());
  }

  @Override
  public String toString() {
    return "InfluxV1Settings["
        + url
        + "/"
        + database
        + ", user="
        + username
        + (password == null ? ", no password" : ", password=***")
        + "]";
  }
}
