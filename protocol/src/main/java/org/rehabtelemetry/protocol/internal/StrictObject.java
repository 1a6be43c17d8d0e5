package org.rehabtelemetry.protocol.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import org.rehabtelemetry.protocol.Limits;
import org.rehabtelemetry.protocol.ProtocolException;

/**
 * Reads the fields of one JSON object strictly: each read names the field path in its error, and
 * {@link #rejectUnknownFields} fails on any field that was not read. JSON {@code null} counts as
 * absent. Not thread-safe; one instance per object being decoded.
 */
final class StrictObject {
  private final JsonNode node;
  private final String path;
  private final Set<String> read = new HashSet<>();

  private StrictObject(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  /**
   * Wraps {@code node}, which must be a JSON object; {@code path} is its location ("" for root).
   */
  static StrictObject of(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw new ProtocolException(
          path.isEmpty() ? ProtocolException.PAYLOAD : path,
          "must be a JSON object, was " + describe(node));
    }
    return new StrictObject(node, path);
  }

  /** This object's own location, "" for the root. */
  String location() {
    return path;
  }

  String path(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** The field's node, or null when absent or JSON null. */
  JsonNode optional(String name) {
    read.add(name);
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? null : value;
  }

  JsonNode required(String name) {
    JsonNode value = optional(name);
    if (value == null) {
      throw new ProtocolException(path(name), "is required");
    }
    return value;
  }

  String text(String name) {
    return asText(path(name), required(name));
  }

  String optionalText(String name) {
    JsonNode value = optional(name);
    return value == null ? null : asText(path(name), value);
  }

  long integer(String name, long min, long max) {
    return asInteger(path(name), required(name), min, max);
  }

  double number(String name) {
    return asNumber(path(name), required(name));
  }

  Double optionalNumber(String name) {
    JsonNode value = optional(name);
    return value == null ? null : asNumber(path(name), value);
  }

  boolean bool(String name) {
    JsonNode value = required(name);
    if (!value.isBoolean()) {
      throw new ProtocolException(path(name), "must be true or false, was " + describe(value));
    }
    return value.booleanValue();
  }

  JsonNode array(String name, int maxLength) {
    JsonNode value = required(name);
    if (!value.isArray()) {
      throw new ProtocolException(path(name), "must be an array, was " + describe(value));
    }
    if (value.size() > maxLength) {
      throw new ProtocolException(
          path(name), "has " + value.size() + " entries, the limit is " + maxLength);
    }
    return value;
  }

  StrictObject object(String name) {
    return of(required(name), path(name));
  }

  StrictObject optionalObject(String name) {
    JsonNode value = optional(name);
    return value == null ? null : of(value, path(name));
  }

  /** The field names of this object, for map-like objects; marks them all as read. */
  Iterator<String> fieldNames() {
    if (node.size() > Limits.MAX_MAP_ENTRIES) {
      throw new ProtocolException(
          path.isEmpty() ? ProtocolException.PAYLOAD : path,
          "has " + node.size() + " entries, the limit is " + Limits.MAX_MAP_ENTRIES);
    }
    node.fieldNames().forEachRemaining(read::add);
    return node.fieldNames();
  }

  /** Fails on the first field that no accessor read, naming it and the message type. */
  void rejectUnknownFields(String context) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!read.contains(name)) {
        throw new ProtocolException(path(name), "is not a field of " + context);
      }
    }
  }

  static String asText(String path, JsonNode value) {
    if (!value.isTextual()) {
      throw new ProtocolException(path, "must be a string, was " + describe(value));
    }
    return value.textValue();
  }

  static long asInteger(String path, JsonNode value, long min, long max) {
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new ProtocolException(
          path, "must be an integer from " + min + " to " + max + ", was " + describe(value));
    }
    long result = value.longValue();
    if (result < min || result > max) {
      throw new ProtocolException(
          path, "must be an integer from " + min + " to " + max + ", was " + result);
    }
    return result;
  }

  static double asNumber(String path, JsonNode value) {
    if (!value.isNumber()) {
      throw new ProtocolException(path, "must be a number, was " + describe(value));
    }
    double result = value.doubleValue();
    if (!Double.isFinite(result)) {
      throw new ProtocolException(path, "must be a finite number, was " + value.asText());
    }
    return result;
  }

  /** Names a JSON node's kind for error messages without echoing large content. */
  static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "missing";
    }
    if (node.isTextual()) {
      String text = node.textValue();
      return "the string \"" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "\"";
    }
    if (node.isNumber() || node.isBoolean() || node.isNull()) {
      String text = node.asText();
      return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
    return node.isArray() ? "an array" : "an object";
  }
}
