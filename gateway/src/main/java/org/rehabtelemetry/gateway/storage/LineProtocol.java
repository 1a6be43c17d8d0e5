package org.rehabtelemetry.gateway.storage;

import java.util.Map;

/**
 * Encodes points as InfluxDB line protocol with microsecond timestamps ({@code precision=u}),
 * following the escaping rules: in measurements, commas and spaces are escaped; in tag keys, tag
 * values and field keys, commas, equals signs and spaces; in string field values, double quotes and
 * backslashes. Tags with empty values are left out (InfluxDB rejects them). Doubles use Java's
 * shortest round-trip form; longs get the {@code i} suffix. Stateless and thread-safe.
 */
public final class LineProtocol {
  private LineProtocol() {}

  /** Appends one point and a newline to {@code out}. */
  public static void append(StringBuilder out, Point point) {
    escape(out, point.measurement(), true);
    for (Map.Entry<String, String> tag : point.tags().entrySet()) {
      if (tag.getValue() == null || tag.getValue().isEmpty()) {
        continue;
      }
      out.append(',');
      escape(out, tag.getKey(), false);
      out.append('=');
      escape(out, tag.getValue(), false);
    }
    char separator = ' ';
    for (Map.Entry<String, Object> field : point.fields().entrySet()) {
      out.append(separator);
      separator = ',';
      escape(out, field.getKey(), false);
      out.append('=');
      appendValue(out, field.getKey(), field.getValue());
    }
    out.append(' ').append(point.timeMicros()).append('\n');
  }

  /** Encodes points, one per line. */
  public static String encode(Iterable<Point> points) {
    StringBuilder out = new StringBuilder();
    for (Point point : points) {
      append(out, point);
    }
    return out.toString();
  }

  private static void appendValue(StringBuilder out, String key, Object value) {
    if (value instanceof Double d) {
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("field " + key + " is not finite: " + d);
      }
      out.append(d);
    } else if (value instanceof Long || value instanceof Integer) {
      out.append(value).append('i');
    } else if (value instanceof Boolean b) {
      out.append(b ? 't' : 'f');
    } else if (value instanceof String s) {
      out.append('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '"' || c == '\\') {
          out.append('\\');
        }
        out.append(c == '\n' ? ' ' : c);
      }
      out.append('"');
    } else {
      throw new IllegalArgumentException("field " + key + " has an unsupported type: " + value);
    }
  }

  /** Appends a tag key or value, escaped. */
  static void escapeTag(StringBuilder out, String text) {
    escape(out, text, false);
  }

  private static void escape(StringBuilder out, String text, boolean measurement) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ',' || c == ' ' || (!measurement && c == '=')) {
        out.append('\\');
      }
      out.append(c == '\n' ? ' ' : c);
    }
  }
}
