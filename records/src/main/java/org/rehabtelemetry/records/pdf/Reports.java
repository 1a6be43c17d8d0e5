package org.rehabtelemetry.records.pdf;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.records.i18n.Language;
import org.rehabtelemetry.records.i18n.Numbers;
import org.rehabtelemetry.records.i18n.Texts;
import org.rehabtelemetry.records.i18n.Vocabulary;
import org.rehabtelemetry.records.model.SessionRecord;
import org.rehabtelemetry.records.progress.CourseProgress;
import org.rehabtelemetry.records.sheet.SessionSheet;

/**
 * Renders the three reports as PDF bytes in a language: the session report, the course progress
 * report and the parent summary. Each call blocks for the rendering (tens to hundreds of
 * milliseconds, CPU only). Thread-safe: every call works on its own document.
 */
public final class Reports {
  private final ReportFonts fonts;
  private final Map<DeviceKind, DeviceProfile> profiles;
  private final ZoneId zone;
  private final Clock clock;

  /**
   * @param profiles labels, units and metrics of each device kind
   * @param zone the clinic's time zone, for the dates people read
   * @param clock for the "generated at" line
   */
  public Reports(
      ReportFonts fonts, Map<DeviceKind, DeviceProfile> profiles, ZoneId zone, Clock clock) {
    this.fonts = fonts;
    this.profiles = Map.copyOf(profiles);
    this.zone = zone;
    this.clock = clock;
  }

  public byte[] session(SessionRecord session, Language language) {
    return new SessionReportPdf(session, words(language), new Numbers(language, zone), fonts)
        .render(clock.instant());
  }

  /** The session report's words without the layout, for an HTML view. */
  public SessionSheet sessionSheet(SessionRecord session, Language language) {
    return SessionSheet.of(session, words(language), new Numbers(language, zone));
  }

  public byte[] course(CourseProgress progress, Language language) {
    return new CourseReportPdf(progress, words(language), new Numbers(language, zone), fonts)
        .render(clock.instant());
  }

  public byte[] parentSummary(CourseProgress progress, Language language) {
    return new ParentSummaryPdf(progress, words(language), new Numbers(language, zone), fonts)
        .render(clock.instant());
  }

  public Map<DeviceKind, DeviceProfile> profiles() {
    return profiles;
  }

  private Vocabulary words(Language language) {
    return new Vocabulary(Texts.of(language), profiles);
  }
}
