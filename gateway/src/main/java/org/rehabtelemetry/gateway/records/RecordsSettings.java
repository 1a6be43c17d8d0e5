package org.rehabtelemetry.gateway.records;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import org.rehabtelemetry.records.i18n.Language;
import org.rehabtelemetry.records.pdf.ReportFonts;

/**
 * The {@code records} section of the gateway's config.
 *
 * @param timeZone the clinic's zone, for the dates people read
 * @param courseGap a pause between two sessions longer than this starts a new course
 * @param defaultPrescribedSessions sessions prescribed for a course nobody opened (0: unknown)
 * @param language the reports' language when neither the request nor the account names one
 * @param fontRegular the TrueType font reports embed (must have Kazakh letters)
 * @param fontBold its bold face
 */
public record RecordsSettings(
    ZoneId timeZone,
    Duration courseGap,
    int defaultPrescribedSessions,
    Language language,
    Path fontRegular,
    Path fontBold) {

  /** Kazakhstan's zone, three weeks, twelve sessions, Russian, DejaVu Sans. */
  public static RecordsSettings defaults() {
    return new RecordsSettings(
        ZoneId.of("Asia/Almaty"),
        Duration.ofDays(21),
        12,
        Language.RU,
        ReportFonts.DEJAVU_SANS,
        ReportFonts.DEJAVU_SANS_BOLD);
  }
}
