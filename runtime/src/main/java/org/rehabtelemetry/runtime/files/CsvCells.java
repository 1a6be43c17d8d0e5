package org.rehabtelemetry.runtime.files;

import java.util.Locale;

/** Cells of an RFC 4180 CSV export that a spreadsheet opens safely. Stateless. */
public final class CsvCells {
  private CsvCells() {}

  /**
   * Text as a quoted cell ({@code ""} for null); a leading {@code = + - @} is defused with an
   * apostrophe, so a spreadsheet never runs a device's or a person's text as a formula.
   */
  public static String text(String text) {
    if (text == null) {
      return "";
    }
    String safe = text.matches("(?s)^[=+\\-@].*") ? "'" + text : text;
    return "\"" + safe.replace("\"", "\"\"") + "\"";
  }

  /** A number as a bare cell, {@code .} for the decimal point ({@code ""} for null). */
  public static String number(Double value) {
    return value == null ? "" : String.format(Locale.ROOT, "%s", value);
  }
}
