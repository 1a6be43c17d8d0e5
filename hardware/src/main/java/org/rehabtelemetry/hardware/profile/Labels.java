package org.rehabtelemetry.hardware.profile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Human labels of one thing (a channel, a setting, a device kind) in the languages the clinic
 * reads: Russian ({@code ru}), Kazakh ({@code kk}) and English ({@code en}). A label missing in a
 * language falls back to English, then to the thing's technical name. Immutable.
 *
 * @param byLanguage language code to label
 */
public record Labels(Map<String, String> byLanguage) {
  /** The languages a profile may label in, the clinic's first. */
  public static final List<String> LANGUAGES = List.of("ru", "kk", "en");

  public static final Labels NONE = new Labels(Map.of());

  public Labels {
    byLanguage = Map.copyOf(new LinkedHashMap<>(byLanguage));
  }

  /** The label in {@code language}, else in English, else {@code fallback}. */
  public String in(String language, String fallback) {
    String label = byLanguage.get(language);
    if (label == null) {
      label = byLanguage.get("en");
    }
    return label == null ? fallback : label;
  }
}
