package org.rehabtelemetry.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/** Validated, immutable, order-preserving copies of the maps inside messages. */
final class Maps {
  private Maps() {}

  /** Copies a map of names to finite numbers. */
  static Map<String, Double> numbers(String field, Map<String, Double> map) {
    return copy(
        field,
        map,
        (path, value) -> {
          Identifiers.requireNonNull(path, value);
          finite(path, value);
        });
  }

  /** Copies a map of names to values checked by {@code checkValue(path, value)}. */
  static <V> Map<String, V> copy(
      String field, Map<String, V> map, BiConsumer<String, V> checkValue) {
    Identifiers.requireNonNull(field, map);
    if (map.size() > Limits.MAX_MAP_ENTRIES) {
      throw new ProtocolException(
          field, "has " + map.size() + " entries, the limit is " + Limits.MAX_MAP_ENTRIES);
    }
    Map<String, V> copy = new LinkedHashMap<>();
    for (Map.Entry<String, V> entry : map.entrySet()) {
      Identifiers.requireNonNull(field + " key", entry.getKey());
      String path = field + "." + entry.getKey();
      Identifiers.name(path, entry.getKey());
      checkValue.accept(path, entry.getValue());
      copy.put(entry.getKey(), entry.getValue());
    }
    return Collections.unmodifiableMap(copy);
  }

  static double finite(String field, double value) {
    if (!Double.isFinite(value)) {
      throw new ProtocolException(field, "must be a finite number, was " + value);
    }
    return value;
  }
}
