package org.rehabtelemetry.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strict access to one mapping of a parsed YAML (or JSON) config file: each accessor names the key
 * path in its error, and {@link #rejectUnknownKeys()} fails on any key that was not read, so a typo
 * such as {@code activelow} is an error instead of a silent default. Not thread-safe.
 */
public final class ConfigNode {
  private final String file;
  private final String path;
  private final JsonNode node;
  private final Set<String> read = new HashSet<>();

  private ConfigNode(String file, String path, JsonNode node) {
    this.file = file;
    this.path = path;
    this.node = node;
  }

  public static ConfigNode root(String file, JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new ConfigException(file, "(file)", "must be a YAML mapping of keys to values");
    }
    return new ConfigNode(file, "", node);
  }

  /** The file (or resource) this node was read from, for messages. */
  public String source() {
    return file;
  }

  public String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  public ConfigException fail(String key, String problem) {
    return new ConfigException(file, path(key), problem);
  }

  public boolean has(String key) {
    JsonNode value = node.get(key);
    return value != null && !value.isNull();
  }

  public String text(String key) {
    JsonNode value = required(key);
    if (!value.isTextual()) {
      throw fail(key, "must be text, was " + show(value));
    }
    return value.textValue();
  }

  public String text(String key, String fallback) {
    return has(key) ? text(key) : mark(key, fallback);
  }

  /**
   * A text value that must match {@code regex}; otherwise fails with "must {@code expectation}, was
   * VALUE".
   */
  public String matching(String key, String regex, String expectation) {
    String value = text(key);
    if (!value.matches(regex)) {
      throw fail(key, "must " + expectation + ", was \"" + value + "\"");
    }
    return value;
  }

  /** A broker URI: {@code tcp://host:port} or {@code ssl://host:port}. */
  public String mqttUri(String key) {
    return matching(
        key, "(tcp|ssl)://[^/\\s]+:\\d{1,5}", "look like tcp://host:1883 or ssl://host:8883");
  }

  public int integer(String key, int min, int max) {
    JsonNode value = required(key);
    if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
      throw fail(key, "must be a whole number from " + min + " to " + max + ", was " + show(value));
    }
    return value.intValue();
  }

  public int integer(String key, int min, int max, int fallback) {
    return has(key) ? integer(key, min, max) : mark(key, fallback);
  }

  public double number(String key) {
    JsonNode value = required(key);
    if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
      throw fail(key, "must be a number, was " + show(value));
    }
    return value.doubleValue();
  }

  public double positive(String key) {
    double value = number(key);
    if (value <= 0) {
      throw fail(key, "must be greater than 0, was " + show(node.get(key)));
    }
    return value;
  }

  public double positive(String key, double fallback) {
    return has(key) ? positive(key) : mark(key, fallback);
  }

  public boolean bool(String key, boolean fallback) {
    if (!has(key)) {
      return mark(key, fallback);
    }
    JsonNode value = required(key);
    if (!value.isBoolean()) {
      throw fail(key, "must be true or false, was " + show(value));
    }
    return value.booleanValue();
  }

  /** A duration given in milliseconds under a key ending in {@code Ms}. */
  public Duration millis(String key, long min, long max, long fallback) {
    return Duration.ofMillis(has(key) ? integer(key, (int) min, (int) max) : mark(key, fallback));
  }

  /** A text value matching {@code regex}, or {@code fallback} when absent. */
  public String matching(String key, String regex, String expectation, String fallback) {
    return has(key) ? matching(key, regex, expectation) : mark(key, fallback);
  }

  /**
   * Reads the secret (a password) from the file named under {@code key}, resolved against {@code
   * baseDir}, trimmed; null when the key is absent. The file must not be readable by group or
   * others. The secret never appears in an error.
   */
  public char[] secretFile(String key, java.nio.file.Path baseDir) {
    java.nio.file.Path file = secretPath(key, baseDir);
    if (file == null) {
      return null;
    }
    try {
      return java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8)
          .strip()
          .toCharArray();
    } catch (java.io.IOException e) {
      throw fail(key, "cannot be read: " + file);
    }
  }

  /**
   * The path of a secret file (a password, a private key) under {@code key}, resolved against
   * {@code baseDir}; null when absent. Refused when it cannot be read, or when its POSIX mode lets
   * group or others read it: the error names the file and the mode, never the content.
   */
  public java.nio.file.Path secretPath(String key, java.nio.file.Path baseDir) {
    java.nio.file.Path file = readableFile(key, baseDir);
    if (file == null) {
      return null;
    }
    try {
      java.util.Set<java.nio.file.attribute.PosixFilePermission> mode =
          java.nio.file.Files.getPosixFilePermissions(file);
      if (mode.contains(java.nio.file.attribute.PosixFilePermission.GROUP_READ)
          || mode.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ)) {
        throw fail(
            key,
            file
                + " is readable by others (mode "
                + java.nio.file.attribute.PosixFilePermissions.toString(mode)
                + "); make it private: chmod 600 "
                + file);
      }
    } catch (UnsupportedOperationException | java.io.IOException e) {
      // Not a POSIX file system: nothing to check.
    }
    return file;
  }

  /** The path of a file under {@code key} that must exist and be readable; null when absent. */
  public java.nio.file.Path readableFile(String key, java.nio.file.Path baseDir) {
    if (!has(key)) {
      return mark(key, null);
    }
    java.nio.file.Path file = baseDir.resolve(text(key));
    if (!java.nio.file.Files.isReadable(file)) {
      throw fail(key, "cannot be read: " + file);
    }
    return file;
  }

  public ConfigNode object(String key) {
    JsonNode value = required(key);
    if (!value.isObject()) {
      throw fail(key, "must be a mapping of keys to values, was " + show(value));
    }
    return new ConfigNode(file, path(key), value);
  }

  public ConfigNode optionalObject(String key) {
    return has(key) ? object(key) : mark(key, null);
  }

  public List<ConfigNode> list(String key) {
    JsonNode value = required(key);
    if (!value.isArray()) {
      throw fail(key, "must be a list, was " + show(value));
    }
    List<ConfigNode> items = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      String itemPath = path(key) + "[" + i + "]";
      if (!item.isObject()) {
        throw new ConfigException(file, itemPath, "must be a mapping, was " + show(item));
      }
      items.add(new ConfigNode(file, itemPath, item));
    }
    return items;
  }

  public List<ConfigNode> optionalList(String key) {
    return has(key) ? list(key) : mark(key, List.of());
  }

  /** The entries of a mapping whose keys are names chosen by the author (e.g. switches). */
  public Map<String, ConfigNode> entries() {
    Map<String, ConfigNode> entries = new LinkedHashMap<>();
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      entries.put(name, object(name));
    }
    return entries;
  }

  /** The keys of this mapping, as the author wrote them (for mappings of names to values). */
  public List<String> keys() {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  public void rejectUnknownKeys() {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!read.contains(name)) {
        throw fail(name, "is not a known key here (misspelt?)");
      }
    }
  }

  private JsonNode required(String key) {
    read.add(key);
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      throw fail(key, "is required");
    }
    return value;
  }

  private <T> T mark(String key, T fallback) {
    read.add(key);
    return fallback;
  }

  private static String show(JsonNode value) {
    if (value == null) {
      return "missing";
    }
    String text = value.isTextual() ? "\"" + value.textValue() + "\"" : value.toString();
    return text.length() > 60 ? text.substring(0, 60) + "..." : text;
  }
}
