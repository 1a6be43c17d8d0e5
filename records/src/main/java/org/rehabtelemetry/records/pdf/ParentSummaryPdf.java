package org.rehabtelemetry.records.pdf;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import org.rehabtelemetry.records.course.Course;
import org.rehabtelemetry.records.i18n.Numbers;
import org.rehabtelemetry.records.i18n.Texts;
import org.rehabtelemetry.records.i18n.Vocabulary;
import org.rehabtelemetry.records.progress.CourseProgress;
import org.rehabtelemetry.records.progress.MetricTrend;

/**
 * The parent summary: one page in plain language with large simple charts of at most three metrics
 * a parent can follow (how high the child stood, how long at the target, how far they pedalled,
 * fewer spasms), each with a sentence; attendance; whether the equipment raised safety alarms. The
 * pseudonymous code is its only identifier. Not thread-safe: one per report.
 */
final class ParentSummaryPdf {
  /** The metrics a parent reads, in order of preference, and whether more is better. */
  static final Map<String, Boolean> PARENT_METRICS = new LinkedHashMap<>();

  static {
    PARENT_METRICS.put("maxTiltDeg", true);
    PARENT_METRICS.put("timeAtTargetTiltMin", true);
    PARENT_METRICS.put("distanceRev", true);
    PARENT_METRICS.put("spasmCount", false);
    PARENT_METRICS.put("meanPowerW", true);
    PARENT_METRICS.put("timeAtPrescribedMin", true);
    PARENT_METRICS.put(CourseProgress.DURATION, true);
  }

  private static final int MAX_CHARTS = 3;

  /** A change smaller than this share of the first value reads as "about the same". */
  private static final double STEADY = 0.05;

  private final CourseProgress progress;
  private final Vocabulary words;
  private final Texts texts;
  private final Numbers numbers;
  private final PdfPages pages;

  ParentSummaryPdf(CourseProgress progress, Vocabulary words, Numbers numbers, ReportFonts fonts) {
    this.progress = progress;
    this.words = words;
    this.texts = words.texts();
    this.numbers = numbers;
    this.pages =
        new PdfPages(fonts, texts.get("report.parent.title"), texts.language().code(), 1.2f);
  }

  byte[] render(Instant generatedAt) {
    Course course = progress.course();
    pages.title(texts.get("report.parent.title"));
    pages.text(
        texts.get(
            "parent.intro",
            String.valueOf(course.number()),
            course.patientCode(),
            numbers.date(course.openedAt()),
            numbers.date(CourseReportPdf.end(course))));
    int prescribed = course.prescribedSessions();
    pages.text(
        prescribed > 0
            ? texts.get("parent.sessions", progress.sessionsDone(), prescribed)
            : texts.get("parent.sessionsNoPlan", progress.sessionsDone()));
    for (Map.Entry<MetricTrend, Boolean> chosen : chosen().entrySet()) {
      MetricTrend trend = chosen.getKey();
      String unit = words.unit(trend.unit());
      String label = words.metricLabel(trend.kind(), trend.metric());
      pages.chart(
          Charts.trend(
              label,
              texts.get("axis.session"),
              unit,
              trend.points().stream()
                  .map(p -> new double[] {p.session(), p.value()})
                  .collect(Collectors.toList()),
              OptionalDouble.empty(),
              "",
              true),
          128);
      pages.text(
          texts.get(
                  "parent.metric",
                  label,
                  numbers.withUnit(trend.first(), trend.decimals(), unit),
                  numbers.withUnit(trend.last(), trend.decimals(), unit))
              + " "
              + direction(trend, chosen.getValue()));
    }
    pages.text(
        progress.alarms() == 0
            ? texts.get("parent.alarmsNone")
            : texts.get("parent.alarms", progress.alarms()));
    pages.text(texts.get("parent.questions"));
    pages.note(texts.get("report.footer", numbers.dateTime(generatedAt)));
    return pages.finish();
  }

  /** Up to three metrics parents can follow, with whether more is better. */
  private Map<MetricTrend, Boolean> chosen() {
    Map<MetricTrend, Boolean> chosen = new LinkedHashMap<>();
    List<MetricTrend> trends = new ArrayList<>(progress.trends());
    for (Map.Entry<String, Boolean> metric : PARENT_METRICS.entrySet()) {
      Optional<MetricTrend> trend =
          trends.stream()
              .filter(t -> t.metric().equals(metric.getKey()) && t.points().size() > 1)
              .findFirst();
      if (trend.isPresent() && chosen.size() < MAX_CHARTS) {
        chosen.put(trend.get(), metric.getValue());
      }
    }
    return chosen;
  }

  private String direction(MetricTrend trend, boolean higherIsBetter) {
    double change = trend.last() - trend.first();
    double scale = Math.max(Math.abs(trend.first()), 1);
    if (Math.abs(change) < STEADY * scale) {
      return texts.get("parent.steady");
    }
    return (change > 0) == higherIsBetter ? texts.get("parent.better") : texts.get("parent.worse");
  }
}
