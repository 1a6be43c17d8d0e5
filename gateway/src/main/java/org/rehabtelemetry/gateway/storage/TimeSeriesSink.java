package org.rehabtelemetry.gateway.storage;

import java.util.List;
import java.util.Optional;

/**
 * Where points are stored. Implementations: {@link InfluxV1Sink} (InfluxDB 1.x {@code /write}) and,
 * with the gateway issue, the v2 API through influxdb-client-java.
 *
 * <p>A write is synchronous and durable when it returns without a failure: only then may the
 * gateway acknowledge the MQTT message. Thread-safe.
 */
public interface TimeSeriesSink extends AutoCloseable {
  /**
   * Writes points. Blocks up to the sink's timeout.
   *
   * @return empty when the database accepted every point; otherwise what went wrong and whether to
   *     retry
   */
  Optional<WriteFailure> write(List<Point> points);

  /**
   * A short description for logs, without credentials, e.g. {@code influxdb-v1
   * http://db:8086/rehab}.
   */
  String describe();

  @Override
  default void close() {}
}
