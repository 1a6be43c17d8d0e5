package org.rehabtelemetry.records.sheet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.rehabtelemetry.hardware.profile.ChannelSpec;
import org.rehabtelemetry.hardware.profile.MetricSpec;
import org.rehabtelemetry.hardware.profile.ProgrammeSpec;
import org.rehabtelemetry.records.i18n.Numbers;
import org.rehabtelemetry.records.i18n.Texts;
import org.rehabtelemetry.records.i18n.Vocabulary;
import org.rehabtelemetry.records.model.AlarmRecord;
import org.rehabtelemetry.records.model.SessionRecord;

/**
 * The session report's words: the overview (patient code, device, programme, times, duration,
 * outcome, completeness), the settings and the per-patient alarm limits it ran with, the summary's
 * results, and the alarms raised, each labelled from the profiles and formatted for the language.
 * The PDF lays it out with charts; the dashboard shows it as HTML. Immutable once built.
 *
 * @param title the report's title
 * @param sections the labelled values, in reading order (a section without values is left out)
 * @param alarmColumns the alarm table's column heads
 * @param alarms one row per alarm raised: time into the session, priority, alarm, value, limit
 * @param alarmNotes sentences about the alarms: none raised, or changes not listed
 */
public record SessionSheet(
    String title,
    List<Section> sections,
    List<String> alarmColumns,
    List<List<String>> alarms,
    List<String> alarmNotes) {

  /** A labelled value. */
  public record Pair(String label, String value) {
    public Pair {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * Labelled values under a heading.
   *
   * @param key a stable name for the section ({@code overview}, {@code settings}, {@code limits},
   *     {@code results})
   * @param heading the heading in the language, empty for the overview
   */
  public record Section(String key, String heading, List<Pair> pairs) {
    public Section {
      pairs = List.copyOf(pairs);
    }
  }

  public SessionSheet {
    sections = List.copyOf(sections);
    alarmColumns = List.copyOf(alarmColumns);
    alarms = alarms.stream().map(List::copyOf).toList();
    alarmNotes = List.copyOf(alarmNotes);
  }

  /** Per-patient alarm limits ride with the settings as {@code limit_CODE} (the agent's record). */
  public static final String LIMIT = "limit_";

  /** The sheet of {@code session} in {@code words}' language. */
  public static SessionSheet of(SessionRecord session, Vocabulary words, Numbers numbers) {
    Texts texts = words.texts();
    List<Section> sections = new ArrayList<>();
    sections.add(new Section("overview", "", overview(session, words, numbers)));
    Map<String, Double> programme = new TreeMap<>();
    Map<String, Double> limits = new TreeMap<>();
    session
        .settings()
        .forEach(
            (name, value) -> {
              if (name.startsWith(LIMIT)) {
                limits.put(name.substring(LIMIT.length()), value);
              } else {
                programme.put(name, value);
              }
            });
    add(
        sections,
        "settings",
        texts.get("section.settings"),
        settings(session, programme, words, numbers));
    add(sections, "limits", texts.get("section.limits"), limits(session, limits, words, numbers));
    add(sections, "results", texts.get("section.results"), results(session, words, numbers));
    List<String> notes = new ArrayList<>();
    if (session.alarmChangesOmitted() > 0) {
      notes.add(texts.get("alarms.omitted", session.alarmChangesOmitted()));
    }
    List<List<String>> alarms = alarms(session, words, numbers);
    if (alarms.isEmpty() && session.alarmsRaised() == 0) {
      notes.add(texts.get("alarms.none"));
    }
    return new SessionSheet(
        texts.get("report.session.title"),
        sections,
        List.of(
            texts.get("col.time"),
            texts.get("col.priority"),
            texts.get("col.alarm"),
            texts.get("col.value"),
            texts.get("col.limit")),
        alarms,
        notes);
  }

  /** The section named {@code key}, if it has values. */
  public Optional<Section> section(String key) {
    return sections.stream().filter(s -> s.key().equals(key)).findFirst();
  }

  private static void add(List<Section> sections, String key, String heading, List<Pair> pairs) {
    if (!pairs.isEmpty()) {
      sections.add(new Section(key, heading, pairs));
    }
  }

  private static List<Pair> overview(SessionRecord session, Vocabulary words, Numbers numbers) {
    Texts texts = words.texts();
    List<Pair> pairs = new ArrayList<>();
    pairs.add(new Pair(texts.get("label.patient"), session.patientCode()));
    pairs.add(
        new Pair(
            texts.get("label.device"),
            words.kind(session.kind()) + " (" + session.deviceId() + ")"));
    pairs.add(
        new Pair(
            texts.get("label.programme"), words.programme(session.kind(), session.programme())));
    pairs.add(new Pair(texts.get("label.started"), numbers.dateTime(session.startedAt())));
    if (session.endedAt() != null) {
      pairs.add(new Pair(texts.get("label.ended"), numbers.dateTime(session.endedAt())));
    }
    session
        .metric("durationMin")
        .ifPresent(
            minutes ->
                pairs.add(
                    new Pair(
                        texts.get("label.duration"),
                        numbers.withUnit(minutes, 1, words.unit("min")))));
    pairs.add(new Pair(texts.get("label.outcome"), outcome(session, texts)));
    pairs.add(new Pair(texts.get("label.completeness"), Stamps.completeness(session, texts)));
    return pairs;
  }

  private static String outcome(SessionRecord session, Texts texts) {
    if (session.outcome() == null) {
      return texts.get("outcome.running");
    }
    return session.interrupted() ? texts.get("outcome.interrupted") : texts.get("outcome.stopped");
  }

  private static List<Pair> settings(
      SessionRecord session, Map<String, Double> settings, Vocabulary words, Numbers numbers) {
    List<Pair> pairs = new ArrayList<>();
    for (Map.Entry<String, Double> setting : settings.entrySet()) {
      ProgrammeSpec.Setting spec =
          words.setting(session.kind(), session.programme(), setting.getKey()).orElse(null);
      String value =
          spec == null
              ? numbers.number(setting.getValue(), 1)
              : numbers.withUnit(setting.getValue(), spec.decimals(), words.unit(spec.unit()));
      pairs.add(
          new Pair(
              words.settingLabel(session.kind(), session.programme(), setting.getKey()), value));
    }
    return pairs;
  }

  private static List<Pair> limits(
      SessionRecord session, Map<String, Double> limits, Vocabulary words, Numbers numbers) {
    List<Pair> pairs = new ArrayList<>();
    for (Map.Entry<String, Double> limit : limits.entrySet()) {
      Optional<ChannelSpec> channel = words.alarmChannel(session.kind(), limit.getKey());
      pairs.add(
          new Pair(
              words.alarm(limit.getKey(), limit.getKey()),
              numbers.withUnit(
                  limit.getValue(),
                  channel.map(ChannelSpec::decimals).orElse(0),
                  channel.map(c -> words.unit(c.unit())).orElse(""))));
    }
    return pairs;
  }

  private static List<Pair> results(SessionRecord session, Vocabulary words, Numbers numbers) {
    List<Pair> pairs = new ArrayList<>();
    for (Map.Entry<String, Double> metric : session.metrics().entrySet()) {
      if (metric.getKey().equals("durationMin")) {
        continue;
      }
      MetricSpec spec = words.metric(session.kind(), metric.getKey()).orElse(null);
      int decimals = spec == null ? 1 : spec.decimals();
      String unit = spec == null ? "" : words.unit(spec.unit());
      pairs.add(
          new Pair(
              words.metricLabel(session.kind(), metric.getKey()),
              numbers.withUnit(metric.getValue(), decimals, unit)));
    }
    return pairs;
  }

  private static List<List<String>> alarms(
      SessionRecord session, Vocabulary words, Numbers numbers) {
    List<List<String>> rows = new ArrayList<>();
    for (AlarmRecord alarm : session.alarms()) {
      if (!alarm.raised()) {
        continue;
      }
      Optional<ChannelSpec> channel =
          alarm.channel() == null
              ? Optional.empty()
              : words.channel(session.kind(), alarm.channel());
      String unit = channel.map(ChannelSpec::unit).map(words::unit).orElse("");
      int decimals = channel.map(ChannelSpec::decimals).orElse(1);
      rows.add(
          List.of(
              Numbers.minutesSeconds(Duration.between(session.startedAt(), alarm.time())),
              words.priority(alarm.priority()),
              words.alarm(alarm.code(), alarm.message()),
              alarm.value() == null ? "" : numbers.withUnit(alarm.value(), decimals, unit),
              alarm.limit() == null ? "" : numbers.withUnit(alarm.limit(), decimals, unit)));
    }
    return rows;
  }
}
