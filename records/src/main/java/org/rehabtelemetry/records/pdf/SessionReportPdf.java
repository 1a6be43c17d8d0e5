package org.rehabtelemetry.records.pdf;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rehabtelemetry.hardware.profile.ChannelSpec;
import org.rehabtelemetry.records.i18n.Numbers;
import org.rehabtelemetry.records.i18n.Texts;
import org.rehabtelemetry.records.i18n.Vocabulary;
import org.rehabtelemetry.records.model.AlarmRecord;
import org.rehabtelemetry.records.model.Series;
import org.rehabtelemetry.records.model.SessionRecord;
import org.rehabtelemetry.records.sheet.SessionSheet;

/**
 * The session report: what ran (device, programme, settings), what it measured (the summary's
 * metrics and charts of the channels), its alarms, its outcome and a completeness stamp. Charts
 * follow the channels the session has: tilt with the time at each angle, heart rate and SpO₂ with
 * the alarms marked, left and right load, cadence and power, the left/right share with the spasms
 * marked, water temperatures, pressures and flow, steam; any other channel gets a chart of its own.
 * Not thread-safe: one per report.
 */
final class SessionReportPdf {
  /** Channels drawn together, with the text key of the chart's title. */
  private static final Map<String, List<String>> GROUPS = new LinkedHashMap<>();

  static {
    GROUPS.put("chart.tilt", List.of("tiltDeg"));
    GROUPS.put("chart.vitals", List.of("heartRate", "spo2"));
    GROUPS.put("chart.load", List.of("loadLeftKg", "loadRightKg"));
    GROUPS.put("chart.trainer", List.of("cadenceRpm", "powerW"));
    GROUPS.put("chart.share", List.of("leftSharePct"));
    GROUPS.put("chart.water", List.of("bathTempC", "jetTempC"));
    GROUPS.put("chart.pressure", List.of("jetPressureBar", "airPressureBar", "flowLpm"));
    GROUPS.put("chart.steam", List.of("steamTempC", "humidityPct"));
  }

  private static final String TILT = "tiltDeg";
  private static final String SPASMS = "spasmCount";
  private static final int TILT_BAND_DEG = 15;
  private static final float CHART_HEIGHT = 165;

  private final SessionRecord session;
  private final Vocabulary words;
  private final Texts texts;
  private final Numbers numbers;
  private final PdfPages pages;

  SessionReportPdf(SessionRecord session, Vocabulary words, Numbers numbers, ReportFonts fonts) {
    this.session = session;
    this.words = words;
    this.texts = words.texts();
    this.numbers = numbers;
    this.pages =
        new PdfPages(
            fonts,
            texts.get("report.session.title") + " " + session.sessionId(),
            texts.language().code(),
            1);
  }

  byte[] render(Instant generatedAt) {
    SessionSheet sheet = SessionSheet.of(session, words, numbers);
    pages.title(sheet.title());
    pages.pairs(pairs(sheet.section("overview").orElseThrow()));
    for (String key : List.of("settings", "limits", "results")) {
      sheet
          .section(key)
          .ifPresent(
              section -> {
                pages.heading(section.heading());
                pages.pairs(pairs(section));
              });
    }
    charts();
    alarms(sheet);
    pages.note(texts.get("report.footer", numbers.dateTime(generatedAt)));
    return pages.finish();
  }

  private static List<String[]> pairs(SessionSheet.Section section) {
    List<String[]> pairs = new ArrayList<>();
    for (SessionSheet.Pair pair : section.pairs()) {
      pairs.add(new String[] {pair.label(), pair.value()});
    }
    return pairs;
  }

  private void charts() {
    Set<String> drawn = new LinkedHashSet<>();
    drawn.add(SPASMS);
    for (Map.Entry<String, List<String>> group : GROUPS.entrySet()) {
      List<Charts.Line> lines = new ArrayList<>();
      for (String channel : group.getValue()) {
        Series series = session.series().get(channel);
        if (series != null && series.size() > 0) {
          lines.add(line(channel, series));
          drawn.add(channel);
        }
      }
      if (!lines.isEmpty()) {
        pages.chart(
            Charts.timeLines(
                texts.get(group.getKey()),
                texts.get("axis.minutes"),
                lines,
                marks(group.getValue())),
            CHART_HEIGHT);
      }
      if (group.getValue().contains(TILT) && session.series().containsKey(TILT)) {
        tiltBands(session.series().get(TILT));
      }
    }
    for (Map.Entry<String, Series> other : session.series().entrySet()) {
      if (!drawn.contains(other.getKey()) && other.getValue().size() > 0) {
        pages.chart(
            Charts.timeLines(
                words.channelLabel(session.kind(), other.getKey()),
                texts.get("axis.minutes"),
                List.of(line(other.getKey(), other.getValue())),
                marks(List.of(other.getKey()))),
            CHART_HEIGHT);
      }
    }
  }

  private Charts.Line line(String channel, Series series) {
    String unit =
        words.channel(session.kind(), channel).map(ChannelSpec::unit).map(words::unit).orElse("");
    return new Charts.Line(words.channelLabel(session.kind(), channel), unit, series);
  }

  /** Alarms on the chart of their channel (or on every chart without one); spasms on the share. */
  private List<Charts.Mark> marks(List<String> channels) {
    List<Charts.Mark> marks = new ArrayList<>();
    for (AlarmRecord alarm : session.alarms()) {
      if (alarm.raised() && (alarm.channel() == null || channels.contains(alarm.channel()))) {
        marks.add(new Charts.Mark(minutesOf(alarm.time()), alarm.code()));
      }
    }
    if (channels.contains("leftSharePct") && session.series().containsKey(SPASMS)) {
      Series spasms = session.series().get(SPASMS);
      for (int i = 1; i < spasms.size(); i++) {
        if (spasms.valueAt(i) > spasms.valueAt(i - 1)) {
          marks.add(new Charts.Mark(spasms.secondsAt(i) / 60, texts.get("chart.spasm")));
        }
      }
    }
    return marks;
  }

  private void tiltBands(Series tilt) {
    double[] seconds = tilt.secondsPerBand(TILT_BAND_DEG, 90 / TILT_BAND_DEG + 1, 5);
    Map<String, Double> bars = new LinkedHashMap<>();
    for (int i = 0; i < seconds.length; i++) {
      int from = i * TILT_BAND_DEG;
      String band =
          i == seconds.length - 1 ? from + "+°" : from + "–" + (from + TILT_BAND_DEG) + "°";
      bars.put(band, seconds[i] / 60);
    }
    pages.chart(
        Charts.bars(
            texts.get("chart.tiltBands"), texts.get("axis.angle"), texts.get("axis.timeMin"), bars),
        130);
  }

  private void alarms(SessionSheet sheet) {
    pages.heading(texts.get("section.alarms"));
    for (String note : sheet.alarmNotes()) {
      pages.text(note);
    }
    if (sheet.alarms().isEmpty()) {
      return;
    }
    pages.table(
        sheet.alarmColumns(),
        sheet.alarms(),
        new float[] {1.2f, 1.5f, 5, 1.7f, 1.7f},
        new boolean[] {true, false, false, true, true});
  }

  private double minutesOf(Instant time) {
    return java.time.Duration.between(session.startedAt(), time).toMillis() / 60_000.0;
  }
}
