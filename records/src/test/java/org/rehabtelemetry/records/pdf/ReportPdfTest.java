package org.rehabtelemetry.records.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rehabtelemetry.hardware.profile.DeviceProfiles;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.records.SampleCourse;
import org.rehabtelemetry.records.course.Course;
import org.rehabtelemetry.records.course.Courses;
import org.rehabtelemetry.records.i18n.Language;
import org.rehabtelemetry.records.model.SessionRecord;
import org.rehabtelemetry.records.progress.CourseProgress;

/**
 * The three reports rendered to PDF, read back as a reader's tool sees them (pdftotext) and as a
 * printer does (pdftoppm): the expected values and words in each language, pages with ink.
 */
class ReportPdfTest {
  private static final Instant JAN = Instant.parse("2026-01-12T00:00:00Z");
  private static final Instant MAY = Instant.parse("2026-05-11T00:00:00Z");
  private static Reports reports;
  private static CourseProgress progress;
  private static List<SessionRecord> may;

  @TempDir Path dir;

  @BeforeAll
  static void render() {
    reports =
        new Reports(
            ReportFonts.dejaVu(),
            Map.of(DeviceKind.VERTICALIZER, DeviceProfiles.builtIn(DeviceKind.VERTICALIZER)),
            ZoneId.of("Asia/Almaty"),
            Clock.fixed(Instant.parse("2026-05-29T12:00:00Z"), ZoneOffset.UTC));
    List<SessionRecord> all = new ArrayList<>(SampleCourse.verticalizer(JAN, 6, false));
    may = SampleCourse.verticalizer(MAY, 12, true);
    all.addAll(may);
    List<Course> courses =
        new Courses(Duration.ofDays(21), 12).group(SampleCourse.PATIENT, all, List.of());
    progress = CourseProgress.of(courses.get(1), Optional.of(courses.get(0)), reports.profiles());
  }

  @ParameterizedTest
  @EnumSource(Language.class)
  void theSessionReportSaysWhatRanWhatItMeasuredAndHowCompleteItIs(Language language)
      throws Exception {
    String text = PdfTools.text(write("session", reports.session(may.get(11), language)));
    String[] expected =
        switch (language) {
          case EN ->
              new String[] {
                "Session report",
                "P-0042",
                "Verticalizer (vert-01)",
                "Standing",
                "Target tilt 60°",
                "Highest tilt 70°",
                "Time at the target tilt 16.0 min",
                "Largest heart-rate rise 19 /min",
                "Completed",
                "all 200 records received",
                "No alarms.",
                "Alarm limits for this patient",
                "High heart rate 140 /min",
                "Low heart rate 95 /min"
              };
          case RU ->
              new String[] {
                "Отчёт о сеансе",
                "Вертикализатор (vert-01)",
                "Вертикализация",
                "Целевой угол наклона 60°",
                "Максимальный угол наклона 70°",
                "Время на целевом угле 16,0 мин",
                "Наибольший прирост пульса 19 уд/мин",
                "Завершён",
                "получены все 200 записей",
                "Тревог не было.",
                "Границы тревог для этого пациента",
                "Высокий пульс 140 уд/мин"
              };
          case KK ->
              new String[] {
                "Сеанс есебі",
                "Тік тұру",
                "Мақсатты еңкею бұрышы 60°",
                "Ең үлкен еңкею бұрышы 70°",
                "Мақсатты бұрыштағы уақыт 16,0 мин",
                "барлық 200 жазба алынды",
                "Дабыл болған жоқ."
              };
        };
    for (String phrase : expected) {
      assertTrue(text.contains(phrase), language + ": \"" + phrase + "\" not in: " + text);
    }
    assertTrue(!text.contains("targetTiltDeg") && !text.contains("maxTiltDeg"), text);
  }

  @Test
  void alarmsAndGapsAreListedInWords() throws Exception {
    String third = PdfTools.text(write("third", reports.session(may.get(2), Language.EN)));
    assertTrue(third.contains("High heart rate"), third);
    assertTrue(third.contains("Medium"), third);
    assertTrue(third.contains("131 /min") && third.contains("130 /min"), third);
    String fifth = PdfTools.text(write("fifth", reports.session(may.get(4), Language.RU)));
    assertTrue(
        fifth.contains("получено 194 из 200 записей. Потеряны на аппарате и не придут: 120-123 ("),
        fifth);
    assertTrue(fifth.contains("size limit 268435456 bytes reached)."), fifth);
    assertTrue(
        fifth
            .replace("\n", " ")
            .contains("Отклонены сервером и сохранены отдельно: 2 записей (invalid"),
        fifth);
    String seventh = PdfTools.text(write("seventh", reports.session(may.get(6), Language.KK)));
    assertTrue(seventh.contains("Үзілді"), seventh);
  }

  @ParameterizedTest
  @EnumSource(Language.class)
  void theCourseReportTrendsEachMetricAgainstThePreviousCourse(Language language) throws Exception {
    String text = PdfTools.text(write("course", reports.course(progress, language)));
    String[] expected =
        switch (language) {
            // highest tilt: 40° first, 70° last, +30°, previous course mean 55°
          case EN ->
              new String[] {
                "Course progress",
                "P-0042",
                "12 of 12",
                "Highest tilt 40° 70° +30° 55°",
                "Time at the target tilt 5.0 min 16.0 min +11.0 min",
                "Interrupted sessions 1",
                "Alarms raised 1"
              };
          case RU ->
              new String[] {
                "Динамика за курс",
                "12 из 12",
                "Максимальный угол наклона 40° 70° +30° 55°",
                "Время на целевом угле 5,0 мин 16,0 мин +11,0 мин"
              };
          case KK ->
              new String[] {
                "Курс бойынша серпін", "12 ішінен 12", "Ең үлкен еңкею бұрышы 40° 70° +30° 55°"
              };
        };
    for (String phrase : expected) {
      assertTrue(text.contains(phrase), language + ": \"" + phrase + "\" not in: " + text);
    }
  }

  @ParameterizedTest
  @EnumSource(Language.class)
  void theParentSummaryIsOnePageInPlainLanguage(Language language) throws Exception {
    Path pdf = write("parent", reports.parentSummary(progress, language));
    String text = PdfTools.text(pdf);
    String[] expected =
        switch (language) {
          case EN ->
              new String[] {
                "How the course went",
                "Your child came to 12 of 12 planned sessions.",
                "Highest tilt: 40° at the first session, 70° at the last.",
                "Better than at the start of the course."
              };
          case RU ->
              new String[] {
                "Как прошёл курс",
                "Ребёнок посетил 12 из 12 запланированных занятий.",
                "Максимальный угол наклона: 40° на первом занятии, 70° на последнем."
              };
          case KK ->
              new String[] {
                "Курс қалай өтті",
                "Бала жоспарланған 12 сабақтың 12 сабағына қатысты.",
                "Ең үлкен еңкею бұрышы: бірінші сабақта 40°, соңғысында 70°."
              };
        };
    for (String phrase : expected) {
      assertTrue(text.contains(phrase), language + ": \"" + phrase + "\" not in: " + text);
    }
    assertEquals(1, PdfTools.pages(pdf), "the parent summary is one printable page");
    for (String jargon : List.of("symmetry", "Symmetry", "SpO", "baseline", "P-0042/")) {
      assertTrue(!text.contains(jargon), "jargon \"" + jargon + "\" in: " + text);
    }
  }

  @Test
  void pagesRenderWithInkNotBlank() throws Exception {
    for (byte[] pdf :
        List.of(
            reports.session(may.get(2), Language.KK),
            reports.course(progress, Language.RU),
            reports.parentSummary(progress, Language.EN))) {
      double ink = PdfTools.inkShare(PdfTools.page(write("ink", pdf), 1, 40));
      assertTrue(ink > 0.02, "page 1 is nearly blank: " + ink);
    }
  }

  private Path write(String name, byte[] pdf) throws IOException {
    Path file = Files.createTempFile(dir, name, ".pdf");
    Files.write(file, pdf);
    return file;
  }
}
