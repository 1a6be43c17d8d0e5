package org.rehabtelemetry.records.i18n;

import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Numbers, dates and durations as people in one language write them: a decimal comma and a space
 * between thousands in Russian and Kazakh, a point in English; a fixed number of decimals per value
 * (the profile's). Dates are shown in the clinic's time zone. Not thread-safe (the JDK's formats
 * are not): one per report.
 */
public final class Numbers {
  private final Language language;
  private final ZoneId zone;
  private final DateTimeFormatter date;
  private final DateTimeFormatter dateTime;

  public Numbers(Language language, ZoneId zone) {
    this.language = language;
    this.zone = zone;
    this.date = DateTimeFormatter.ofPattern("dd.MM.yyyy", language.locale()).withZone(zone);
    this.dateTime =
        DateTimeFormatter.ofPattern("dd.MM.yyyy, HH:mm", language.locale()).withZone(zone);
  }

  /** {@code value} with exactly {@code decimals} decimals (rounded half-even). */
  public String number(double value, int decimals) {
    if (!Double.isFinite(value)) {
      return "—";
    }
    NumberFormat format = NumberFormat.getNumberInstance(language.locale());
    format.setMinimumFractionDigits(decimals);
    format.setMaximumFractionDigits(decimals);
    String text = format.format(value);
    return text.replace('\u00a0', ' ').replace('\u202f', ' ');
  }

  /**
   * {@code value} with its unit after a space, but for degrees of angle ({@code 70°}), as SI and
   * GOST write them.
   */
  public String withUnit(double value, int decimals, String unit) {
    if (unit == null || unit.isEmpty()) {
      return number(value, decimals);
    }
    return number(value, decimals) + ("°".equals(unit) ? unit : " " + unit);
  }

  /** The day, as {@code 30.11.2026}. */
  public String date(Instant time) {
    return date.format(time);
  }

  /** Day and time of day, as {@code 26.05.2026, 15:00} (the form used in Kazakhstan). */
  public String dateTime(Instant time) {
    return dateTime.format(time);
  }

  /** A duration as whole minutes and seconds: {@code 12:05}. */
  public static String minutesSeconds(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    return String.format("%d:%02d", seconds / 60, seconds % 60);
  }

  public ZoneId zone() {
    return zone;
  }
}
