package org.rehabtelemetry.hardware.profile;

import java.time.Duration;
import java.util.Map;
import org.rehabtelemetry.config.ConfigNode;
import org.rehabtelemetry.protocol.AlarmPriority;
import org.rehabtelemetry.protocol.Identifiers;
import org.rehabtelemetry.protocol.ProtocolException;

/**
 * The checks the profile sections share: names, codes and units follow the wire contract's syntax
 * (they go on the wire), and every channel a section names is declared. Each failure names the
 * file, the key and the value. Stateless.
 */
final class ProfileChecks {
  private ProfileChecks() {}

  /** A channel, setting, metric or programme name. */
  static String name(ConfigNode node, String key) {
    String name = node.text(key);
    checkName(node, key, name);
    return name;
  }

  static void checkName(ConfigNode node, String key, String name) {
    try {
      Identifiers.name(key, name);
    } catch (ProtocolException e) {
      throw node.fail(key, e.reason());
    }
  }

  /** An alarm code in upper snake case. */
  static String code(ConfigNode node, String key) {
    String code = node.text(key);
    try {
      return Identifiers.code(key, code);
    } catch (ProtocolException e) {
      throw node.fail(key, e.reason());
    }
  }

  static String unit(ConfigNode node, String key, String fallback) {
    String unit = node.text(key, fallback);
    if (unit.isEmpty()) {
      return unit;
    }
    try {
      return Identifiers.unit(key, unit);
    } catch (ProtocolException e) {
      throw node.fail(key, e.reason());
    }
  }

  static AlarmPriority priority(ConfigNode node) {
    try {
      return AlarmPriority.parse("priority", node.text("priority"));
    } catch (ProtocolException e) {
      throw node.fail("priority", e.reason());
    }
  }

  /** Decimals people are shown: 0 to 4. */
  static int decimals(ConfigNode node, int fallback) {
    return node.integer("decimals", 0, 4, fallback);
  }

  /** A duration in seconds under {@code key}. */
  static Duration seconds(ConfigNode node, String key, int min, int max, int fallback) {
    return Duration.ofSeconds(node.integer(key, min, max, fallback));
  }

  /** The value of {@code key}, which must name a declared channel. */
  static String declared(ConfigNode node, String key, Map<String, ChannelSpec> channels) {
    String channel = node.text(key);
    if (!channels.containsKey(channel)) {
      throw node.fail(
          key, "names channel \"" + channel + "\", which the profile's channels do not declare");
    }
    return channel;
  }

  /** The optional {@code label} mapping: language code to text, in ru, kk and en only. */
  static Labels labels(ConfigNode node) {
    ConfigNode label = node.optionalObject("label");
    if (label == null) {
      return Labels.NONE;
    }
    Map<String, String> byLanguage = new java.util.LinkedHashMap<>();
    for (String language : Labels.LANGUAGES) {
      if (label.has(language)) {
        String text = label.text(language);
        if (text.isBlank() || text.length() > 80) {
          throw label.fail(language, "must be 1-80 characters of text");
        }
        byLanguage.put(language, text);
      }
    }
    label.rejectUnknownKeys();
    return new Labels(byLanguage);
  }
}
