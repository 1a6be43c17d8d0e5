package org.rehabtelemetry.gateway.storage;

/**
 * Points encoded as InfluxDB line protocol, ready to write: one point per line, microsecond
 * timestamps. Immutable.
 *
 * @param text the lines, each ending with a newline
 * @param points how many points (lines) they hold
 */
public record Lines(String text, int points) {
  public static final Lines EMPTY = new Lines("", 0);

  /** Lines of several batches in order, for one write. */
  public static Lines concat(Iterable<Lines> parts) {
    StringBuilder text = new StringBuilder();
    int points = 0;
    for (Lines part : parts) {
      text.append(part.text());
      points += part.points();
    }
    return new Lines(text.toString(), points);
  }

  public boolean isEmpty() {
    return points == 0;
  }
}
