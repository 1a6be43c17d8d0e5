package org.rehabtelemetry.records.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rehabtelemetry.hardware.profile.DeviceProfiles;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.records.SampleCourse;
import org.rehabtelemetry.records.course.Course;
import org.rehabtelemetry.records.course.Courses;
import org.rehabtelemetry.records.i18n.Language;
import org.rehabtelemetry.records.model.SessionRecord;
import org.rehabtelemetry.records.pdf.ReportFonts;
import org.rehabtelemetry.records.pdf.Reports;
import org.rehabtelemetry.records.progress.CourseProgress;

/**
 * How long the course progress report of a 20-session course takes to generate (grouping, progress
 * and the PDF with a chart per metric), against the 2 s target; and the parent summary and a
 * session report with its charts for comparison. Warm-up runs first, then {@code runs} timed runs
 * in each language; prints median and max. Not a test: figures only.
 *
 * <p>{@code scripts/bench-records [runs]}
 */
public final class CourseReportBench {
  private static final double TARGET_MS = 2000;

  private CourseReportBench() {}

  public static void main(String[] args) {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    Reports reports =
        new Reports(
            ReportFonts.dejaVu(),
            Map.of(DeviceKind.VERTICALIZER, DeviceProfiles.builtIn(DeviceKind.VERTICALIZER)),
            ZoneId.of("Asia/Almaty"),
            Clock.systemUTC());
    List<SessionRecord> all =
        new ArrayList<>(
            SampleCourse.verticalizer(Instant.parse("2026-01-12T00:00:00Z"), 20, false));
    all.addAll(SampleCourse.verticalizer(Instant.parse("2026-05-11T00:00:00Z"), 20, false));
    SessionRecord charted =
        SampleCourse.verticalizer(Instant.parse("2026-05-11T00:00:00Z"), 3, true).get(2);
    Courses courses = new Courses(Duration.ofDays(21), 20);
    // first use loads fonts and classes: not what an operator waits for on the second report
    for (int i = 0; i < 3; i++) {
      course(reports, courses, all, Language.RU);
    }
    System.out.printf("course report, 20 sessions (target <= %.0f ms)%n", TARGET_MS);
    double worst = 0;
    for (Language language : Language.values()) {
      double[] ms = new double[runs];
      int bytes = 0;
      for (int r = 0; r < runs; r++) {
        long start = System.nanoTime();
        bytes = course(reports, courses, all, language).length;
        ms[r] = (System.nanoTime() - start) / 1e6;
      }
      Arrays.sort(ms);
      worst = Math.max(worst, ms[runs - 1]);
      System.out.printf(
          "  %s: median %.0f ms, max %.0f ms, %d kB%n",
          language.code(), ms[runs / 2], ms[runs - 1], bytes / 1024);
    }
    double[] parent = time(runs, () -> reports.parentSummary(progress(courses, all), Language.RU));
    double[] session = time(runs, () -> reports.session(charted, Language.RU));
    System.out.printf("parent summary: median %.0f ms, max %.0f ms%n", parent[0], parent[1]);
    System.out.printf(
        "session report (5 channels, 3,600 points each): median %.0f ms, max %.0f ms%n",
        session[0], session[1]);
    System.out.printf(
        "slowest course report %.0f ms = %.2f of the 2 s target: %s%n",
        worst, worst / TARGET_MS, worst <= TARGET_MS ? "met" : "NOT met");
  }

  private static byte[] course(
      Reports reports, Courses courses, List<SessionRecord> all, Language language) {
    return reports.course(progress(courses, all), language);
  }

  private static CourseProgress progress(Courses courses, List<SessionRecord> all) {
    List<Course> grouped = courses.group(SampleCourse.PATIENT, all, List.of());
    return CourseProgress.of(grouped.get(1), Optional.of(grouped.get(0)), reportsProfiles());
  }

  private static Map<DeviceKind, org.rehabtelemetry.hardware.profile.DeviceProfile>
      reportsProfiles() {
    return Map.of(DeviceKind.VERTICALIZER, DeviceProfiles.builtIn(DeviceKind.VERTICALIZER));
  }

  private static double[] time(int runs, Runnable work) {
    double[] ms = new double[runs];
    for (int r = 0; r < runs; r++) {
      long start = System.nanoTime();
      work.run();
      ms[r] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(ms);
    return new double[] {ms[runs / 2], ms[runs - 1]};
  }
}
