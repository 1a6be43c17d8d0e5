package org.rehabtelemetry.gateway.records;

import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.hardware.profile.DeviceProfiles;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.records.archive.Recent;
import org.rehabtelemetry.records.archive.SessionArchive;
import org.rehabtelemetry.records.course.Course;
import org.rehabtelemetry.records.course.CourseMark;
import org.rehabtelemetry.records.course.Courses;
import org.rehabtelemetry.records.fhir.FhirExport;
import org.rehabtelemetry.records.i18n.Language;
import org.rehabtelemetry.records.i18n.Texts;
import org.rehabtelemetry.records.i18n.Vocabulary;
import org.rehabtelemetry.records.model.SessionRecord;
import org.rehabtelemetry.records.pdf.ReportFonts;
import org.rehabtelemetry.records.pdf.Reports;
import org.rehabtelemetry.records.progress.CourseProgress;
import org.rehabtelemetry.records.sheet.SessionSheet;

/**
 * Courses, progress and reports for the dashboard: reads a child's sessions and course marks from
 * the archive, groups them, and renders the PDFs in a language. Every call blocks for the store's
 * queries and, for a PDF, for the rendering. Thread-safe.
 */
public final class ClinicalRecords {
  private final SessionArchive archive;
  private final Courses courses;
  private final Reports reports;
  private final Clock clock;
  private final RecordsSettings settings;

  public ClinicalRecords(SessionArchive archive, RecordsSettings settings, Clock clock) {
    this.archive = archive;
    this.settings = settings;
    this.clock = clock;
    this.courses = new Courses(settings.courseGap(), settings.defaultPrescribedSessions());
    this.reports =
        new Reports(
            ReportFonts.load(settings.fontRegular(), settings.fontBold()),
            builtInProfiles(),
            settings.timeZone(),
            clock);
  }

  /** The labels, units and metrics of every built-in device kind. */
  static Map<DeviceKind, DeviceProfile> builtInProfiles() {
    Map<DeviceKind, DeviceProfile> profiles = new HashMap<>();
    for (DeviceKind kind : DeviceProfiles.builtInKinds()) {
      profiles.put(kind, DeviceProfiles.builtIn(kind));
    }
    return profiles;
  }

  public RecordsSettings settings() {
    return settings;
  }

  public Reports reports() {
    return reports;
  }

  public List<String> patients() throws IOException {
    return archive.patients();
  }

  /**
   * The child's courses, oldest first, from the newest sessions and course marks the archive gives;
   * whether it left older ones out (then the oldest course may lack sessions).
   */
  public Recent<Course> history(String patientCode) throws IOException {
    Recent<SessionRecord> sessions = archive.sessionsOf(patientCode);
    Recent<CourseMark> marks = archive.marks(patientCode);
    return new Recent<>(
        courses.group(patientCode, sessions.items(), marks.items()),
        sessions.olderOmitted() || marks.olderOmitted());
  }

  /** The child's courses, oldest first (see {@link #history}). */
  public List<Course> courses(String patientCode) throws IOException {
    return history(patientCode).items();
  }

  /** The progress of course {@code number} (1-based) against the one before. */
  public Optional<CourseProgress> progress(String patientCode, int number) throws IOException {
    return progress(courses(patientCode), number);
  }

  /** The progress of course {@code number} among already grouped courses. */
  public Optional<CourseProgress> progress(List<Course> grouped, int number) {
    if (number < 1 || number > grouped.size()) {
      return Optional.empty();
    }
    Optional<Course> previous =
        number > 1 ? Optional.of(grouped.get(number - 2)) : Optional.empty();
    return Optional.of(CourseProgress.of(grouped.get(number - 1), previous, reports.profiles()));
  }

  /** The report of one device's session. */
  public Optional<byte[]> sessionPdf(String deviceId, String sessionId, Language language)
      throws IOException {
    return archive.session(deviceId, sessionId).map(session -> reports.session(session, language));
  }

  /** The words of one device's session report, for the dashboard's HTML view (no charts). */
  public Optional<SessionSheet> sessionSheet(String deviceId, String sessionId, Language language)
      throws IOException {
    return archive
        .session(deviceId, sessionId)
        .map(session -> reports.sessionSheet(session.withoutSeries(), language));
  }

  public Optional<byte[]> coursePdf(String patientCode, int number, Language language)
      throws IOException {
    return progress(patientCode, number).map(progress -> reports.course(progress, language));
  }

  public Optional<byte[]> parentPdf(String patientCode, int number, Language language)
      throws IOException {
    return progress(patientCode, number).map(progress -> reports.parentSummary(progress, language));
  }

  /** The session as a FHIR R4 Bundle (JSON), texts in {@code language}. */
  public Optional<byte[]> sessionFhir(String deviceId, String sessionId, Language language)
      throws IOException {
    return archive
        .session(deviceId, sessionId)
        .map(session -> fhir(language).session(session.withoutSeries()));
  }

  /** Course {@code number} as a FHIR R4 Bundle (JSON), texts in {@code language}. */
  public Optional<byte[]> courseFhir(String patientCode, int number, Language language)
      throws IOException {
    List<Course> grouped = courses(patientCode);
    if (number < 1 || number > grouped.size()) {
      return Optional.empty();
    }
    return Optional.of(fhir(language).course(grouped.get(number - 1)));
  }

  private FhirExport fhir(Language language) {
    return new FhirExport(
        new Vocabulary(Texts.of(language), reports.profiles()), reports.profiles());
  }

  /** Opens a course for the child now (closing an open one); durable when it returns. */
  public CourseMark open(String patientCode, int prescribed, String operator) throws IOException {
    CourseMark mark =
        new CourseMark(patientCode, clock.instant(), CourseMark.Action.OPEN, prescribed, operator);
    archive.mark(mark);
    return mark;
  }

  /** Closes the child's open course now; durable when it returns. */
  public CourseMark close(String patientCode, String operator) throws IOException {
    CourseMark mark =
        new CourseMark(patientCode, clock.instant(), CourseMark.Action.CLOSE, 0, operator);
    archive.mark(mark);
    return mark;
  }
}
