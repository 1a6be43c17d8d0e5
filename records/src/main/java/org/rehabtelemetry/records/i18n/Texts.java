package org.rehabtelemetry.records.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The fixed texts of reports in one language, from {@code records/texts_<code>.properties} (UTF-8),
 * with English as the fallback for a key a translation lacks. Immutable and thread-safe.
 */
public final class Texts {
  private final Language language;
  private final ResourceBundle bundle;

  private Texts(Language language) {
    this.language = language;
    this.bundle =
        ResourceBundle.getBundle(
            "records.texts",
            Locale.forLanguageTag(language.code()),
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /** The texts in {@code language}. */
  public static Texts of(Language language) {
    return new Texts(language);
  }

  public Language language() {
    return language;
  }

  /**
   * The text for {@code key} with {@code arguments} put in ({@link MessageFormat} in the language's
   * locale).
   *
   * @throws MissingResourceException if no language has the key: a programming error
   */
  public String get(String key, Object... arguments) {
    String pattern = bundle.getString(key);
    return arguments.length == 0
        ? pattern
        : new MessageFormat(pattern, language.locale()).format(arguments);
  }
}
