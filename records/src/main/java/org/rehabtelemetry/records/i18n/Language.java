package org.rehabtelemetry.records.i18n;

import java.util.Locale;
import java.util.Optional;

/**
 * A language the clinic reads: Russian (the default in the department), Kazakh and English. The
 * code is the one device profiles label in ({@code ru}, {@code kk}, {@code en}).
 */
public enum Language {
  RU("ru", Locale.forLanguageTag("ru-RU")),
  KK("kk", Locale.forLanguageTag("kk-KZ")),
  EN("en", Locale.forLanguageTag("en-GB"));

  private final String code;
  private final Locale locale;

  Language(String code, Locale locale) {
    this.code = code;
    this.locale = locale;
  }

  /** The two-letter code: {@code ru}, {@code kk} or {@code en}. */
  public String code() {
    return code;
  }

  /** The locale numbers and dates are formatted in. */
  public Locale locale() {
    return locale;
  }

  /** The language with this code (case-insensitive), if it is one of ours. */
  public static Optional<Language> of(String code) {
    if (code == null) {
      return Optional.empty();
    }
    for (Language language : values()) {
      if (language.code.equalsIgnoreCase(code.trim())) {
        return Optional.of(language);
      }
    }
    return Optional.empty();
  }
}
