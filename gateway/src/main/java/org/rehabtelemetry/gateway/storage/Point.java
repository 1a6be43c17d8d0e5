package org.rehabtelemetry.gateway.storage;

import java.util.Map;
import java.util.TreeMap;

/**
 * One InfluxDB point. Tags are kept sorted by key, as InfluxDB stores them, so the same point
 * always encodes to the same line: a redelivered message overwrites itself instead of duplicating.
 *
 * @param measurement e.g. {@code sample}
 * @param tags indexed, low-cardinality identity (device, session, channel, ...)
 * @param fields values: {@link Double}, {@link Long}, {@link Boolean} or {@link String}
 * @param timeMicros the timestamp in microseconds since the epoch
 */
public record Point(
    String measurement, Map<String, String> tags, Map<String, Object> fields, long timeMicros) {
  public Point {
    tags = new TreeMap<>(tags);
    fields = new TreeMap<>(fields);
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("a point needs at least one field: " + measurement);
    }
  }
}
