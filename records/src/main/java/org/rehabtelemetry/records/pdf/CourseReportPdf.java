package org.rehabtelemetry.records.pdf;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.rehabtelemetry.records.course.Course;
import org.rehabtelemetry.records.i18n.Numbers;
import org.rehabtelemetry.records.i18n.Texts;
import org.rehabtelemetry.records.i18n.Vocabulary;
import org.rehabtelemetry.records.model.SessionRecord;
import org.rehabtelemetry.records.progress.CourseProgress;
import org.rehabtelemetry.records.progress.MetricTrend;
import org.rehabtelemetry.records.sheet.Stamps;

/**
 * The course progress report for therapists: compliance, interruptions and alarms; every metric's
 * first, last and change, against the previous course's mean; a trend chart per metric; and the
 * list of sessions with their outcome and completeness. Not thread-safe: one per report.
 */
final class CourseReportPdf {
  private final CourseProgress progress;
  private final Vocabulary words;
  private final Texts texts;
  private final Numbers numbers;
  private final PdfPages pages;

  CourseReportPdf(CourseProgress progress, Vocabulary words, Numbers numbers, ReportFonts fonts) {
    this.progress = progress;
    this.words = words;
    this.texts = words.texts();
    this.numbers = numbers;
    this.pages =
        new PdfPages(
            fonts,
            texts.get("report.course.title") + " " + progress.course().id(),
            texts.language().code(),
            1);
  }

  byte[] render(Instant generatedAt) {
    Course course = progress.course();
    pages.title(texts.get("report.course.title"));
    List<String[]> pairs = new ArrayList<>();
    pairs.add(new String[] {texts.get("label.patient"), course.patientCode()});
    pairs.add(new String[] {texts.get("label.course"), String.valueOf(course.number())});
    pairs.add(new String[] {texts.get("label.period"), period(course, numbers)});
    pairs.add(new String[] {texts.get("label.compliance"), compliance(progress, texts)});
    pairs.add(
        new String[] {texts.get("label.interrupted"), String.valueOf(progress.interrupted())});
    pairs.add(new String[] {texts.get("label.alarmsTotal"), String.valueOf(progress.alarms())});
    pages.pairs(pairs);
    metricTable();
    pages.heading(texts.get("section.trends"));
    for (MetricTrend trend : progress.trends()) {
      pages.chart(
          Charts.trend(
              label(trend),
              texts.get("axis.session"),
              words.unit(trend.unit()),
              trend.points().stream()
                  .map(p -> new double[] {p.session(), p.value()})
                  .collect(Collectors.toList()),
              trend.previousCourseMean(),
              texts.get("col.previous"),
              false),
          118);
    }
    sessions();
    pages.note(texts.get("report.footer", numbers.dateTime(generatedAt)));
    return pages.finish();
  }

  private void metricTable() {
    List<List<String>> rows = new ArrayList<>();
    for (MetricTrend trend : progress.trends()) {
      String unit = words.unit(trend.unit());
      rows.add(
          List.of(
              label(trend),
              numbers.withUnit(trend.first(), trend.decimals(), unit),
              numbers.withUnit(trend.last(), trend.decimals(), unit),
              signed(trend.last() - trend.first(), trend.decimals(), unit),
              trend.previousCourseMean().isPresent()
                  ? numbers.withUnit(
                      trend.previousCourseMean().getAsDouble(), trend.decimals(), unit)
                  : "—"));
    }
    pages.heading(texts.get("section.results"));
    pages.table(
        List.of(
            texts.get("col.metric"),
            texts.get("col.first"),
            texts.get("col.last"),
            texts.get("col.change"),
            texts.get("col.previous")),
        rows,
        new float[] {4.5f, 1.6f, 1.6f, 1.6f, 1.9f},
        new boolean[] {false, true, true, true, true});
  }

  private String signed(double change, int decimals, String unit) {
    String text = numbers.withUnit(change, decimals, unit);
    return change > 0 ? "+" + text : text.replace('-', '−');
  }

  private String label(MetricTrend trend) {
    String label = words.metricLabel(trend.kind(), trend.metric());
    long kinds = progress.trends().stream().map(MetricTrend::kind).distinct().count();
    return kinds > 1 ? words.kind(trend.kind()) + ": " + label : label;
  }

  private void sessions() {
    pages.heading(texts.get("axis.session"));
    List<List<String>> rows = new ArrayList<>();
    int number = 0;
    for (SessionRecord session : progress.course().sessions()) {
      number++;
      rows.add(
          List.of(
              String.valueOf(number),
              numbers.dateTime(session.startedAt()),
              words.kind(session.kind()),
              words.programme(session.kind(), session.programme()),
              session
                  .metric(CourseProgress.DURATION)
                  .map(m -> numbers.withUnit(m, 0, words.unit("min")))
                  .orElse("—"),
              session.outcome() == null
                  ? texts.get("outcome.running")
                  : session.interrupted()
                      ? texts.get("outcome.interrupted")
                      : texts.get("outcome.stopped"),
              String.valueOf(session.alarmsRaised()),
              Stamps.completeness(session, texts)));
    }
    pages.table(
        List.of(
            "№",
            texts.get("label.started"),
            texts.get("label.device"),
            texts.get("label.programme"),
            texts.get("label.duration"),
            texts.get("label.outcome"),
            texts.get("section.alarms"),
            texts.get("label.completeness")),
        rows,
        new float[] {0.6f, 2.2f, 2, 2, 1.4f, 1.6f, 1.2f, 3.5f},
        new boolean[] {true, false, false, false, true, false, true, false});
  }

  static String period(Course course, Numbers numbers) {
    return numbers.date(course.openedAt()) + " – " + numbers.date(end(course));
  }

  /** The close mark, or the last session while the course is open. */
  static Instant end(Course course) {
    return course.closedAt() != null ? course.closedAt() : course.lastActivity();
  }

  static String compliance(CourseProgress progress, Texts texts) {
    int prescribed = progress.course().prescribedSessions();
    return prescribed > 0
        ? texts.get("compliance.value", progress.sessionsDone(), prescribed)
        : texts.get("compliance.unknown", progress.sessionsDone());
  }
}
