package org.rehabtelemetry.gateway.storage;

import java.util.Optional;

/**
 * Where points are stored: InfluxDB 1.x ({@code influxv1}), InfluxDB 2.x/3.x/Cloud and the embedded
 * QuestDB through the v2 API ({@code influxv2}), or a fake in tests; one contract suite holds them
 * all to the same behaviour.
 *
 * <p>A write is synchronous and durable when it returns without a failure: only then may the
 * gateway acknowledge the MQTT messages it carried. Thread-safe.
 */
public interface TimeSeriesSink extends AutoCloseable {
  /**
   * Writes the lines. Blocks up to the sink's timeout.
   *
   * @return empty when the database accepted every point; otherwise what went wrong and whether to
   *     retry
   */
  Optional<WriteFailure> write(Lines lines);

  /**
   * A short description for logs, without credentials, e.g. {@code influxdb-v1
   * http://db:8086/rehab}.
   */
  String describe();

  @Override
  default void close() {}
}
