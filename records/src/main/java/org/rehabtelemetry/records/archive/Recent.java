package org.rehabtelemetry.records.archive;

import java.util.List;

/**
 * The newest entries of a bounded answer, oldest first, and whether older ones were left out to
 * keep it bounded: what a report must then say. Immutable.
 *
 * @param items the newest entries, oldest first
 * @param olderOmitted whether the store holds older entries that are not in {@code items}
 * @param <T> the entry type
 */
public record Recent<T>(List<T> items, boolean olderOmitted) {
  public Recent {
    items = List.copyOf(items);
  }

  /** All there is: nothing left out. */
  public static <T> Recent<T> all(List<T> items) {
    return new Recent<>(items, false);
  }
}
