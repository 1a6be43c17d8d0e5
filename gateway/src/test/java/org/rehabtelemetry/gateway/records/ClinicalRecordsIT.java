package org.rehabtelemetry.gateway.records;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.gateway.storage.LineEncoder;
import org.rehabtelemetry.gateway.storage.LineProtocol;
import org.rehabtelemetry.gateway.storage.Lines;
import org.rehabtelemetry.gateway.storage.OpenStore;
import org.rehabtelemetry.gateway.storage.Point;
import org.rehabtelemetry.gateway.storage.questdb.EmbeddedQuestDb;
import org.rehabtelemetry.gateway.storage.questdb.EmbeddedSettings;
import org.rehabtelemetry.gateway.storage.questdb.QuestDbArchive;
import org.rehabtelemetry.protocol.AlarmEvent;
import org.rehabtelemetry.protocol.AlarmPriority;
import org.rehabtelemetry.protocol.AlarmState;
import org.rehabtelemetry.protocol.ChannelSamples;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.protocol.DeviceState;
import org.rehabtelemetry.protocol.DeviceStatus;
import org.rehabtelemetry.protocol.Header;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.Metric;
import org.rehabtelemetry.protocol.SampleBatch;
import org.rehabtelemetry.protocol.SessionEvent;
import org.rehabtelemetry.protocol.SessionEventType;
import org.rehabtelemetry.protocol.SessionRef;
import org.rehabtelemetry.protocol.SessionSummary;
import org.rehabtelemetry.records.archive.Recent;
import org.rehabtelemetry.records.course.Course;
import org.rehabtelemetry.records.course.CourseMark;
import org.rehabtelemetry.records.i18n.Language;
import org.rehabtelemetry.records.model.SessionRecord;

/**
 * The records read back from the embedded QuestDB the gateway runs: three sessions of one child
 * written as the ingest writes them, then the child's sessions (settings, metrics, alarms,
 * completeness, the device's kind), one session's chart series, course marks, and the PDFs. One
 * store for the class: the tests write the same points, which the store deduplicates.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClinicalRecordsIT {
  private static final Instant DAY1 = Instant.parse("2026-11-02T05:00:00Z");
  private static final String PATIENT = "P-0100";

  @TempDir static Path dir;
  private OpenStore store;
  private QuestDbArchive archive;

  @BeforeAll
  void open() throws Exception {
    store = new EmbeddedSettings(dir.resolve("questdb"), 0).open();
    archive = new QuestDbArchive(((EmbeddedQuestDb) store.resources()).sql(Duration.ofSeconds(10)));
  }

  @AfterAll
  void close() {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void aChildsSessionsComeBackWithEverythingTheReportsNeed() throws Exception {
    for (int i = 0; i < 3; i++) {
      write(session(i, DAY1.plus(Duration.ofDays(i)), 40 + 10 * i));
    }
    write(List.of(status()));
    writeCompleteness("S-P0100-1", 7, 7, "", "");
    writeCompleteness(
        "S-P0100-2", 5, 7, "3", "4 (2026-05-04T09:00:00Z, size limit 4096 bytes reached)");

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> archive.sessionsOf(PATIENT).items().size() == 3 && complete(archive));

    assertTrue(archive.patients().contains(PATIENT), archive.patients().toString());
    Recent<SessionRecord> recent = archive.sessionsOf(PATIENT);
    assertFalse(recent.olderOmitted());
    List<SessionRecord> sessions = recent.items();
    SessionRecord first = sessions.get(0);
    assertEquals("S-P0100-1", first.sessionId());
    assertEquals(DeviceKind.VERTICALIZER, first.kind(), "the kind comes from the device's status");
    assertEquals("standing", first.programme());
    assertEquals(Map.of("targetTiltDeg", 40.0, "bodyWeightKg", 25.0), first.settings());
    assertEquals(40.0, first.metrics().get("maxTiltDeg"));
    assertEquals(12.0, first.metrics().get("durationMin"));
    assertEquals("stopped", first.outcome());
    assertTrue(first.completeness().complete());
    assertEquals(7, first.completeness().expected());
    SessionRecord second = sessions.get(1);
    assertEquals("3", second.completeness().gaps());
    assertEquals(
        "4 (2026-05-04T09:00:00Z, size limit 4096 bytes reached)", second.completeness().lost());
    assertEquals("", first.completeness().lost());
    assertEquals(1, second.alarmsRaised());
    assertTrue(second.alarms().isEmpty(), "lists carry counts, not the state changes");
    assertTrue(second.series().isEmpty(), "lists carry no chart series");
    SessionRecord detailed = archive.session("vert-09", "S-P0100-2").orElseThrow();
    assertEquals("HR_HIGH", detailed.alarms().get(0).code());
    assertEquals(131.0, detailed.alarms().get(0).value());
    assertEquals(0, detailed.alarmChangesOmitted());
    assertEquals(
        List.of(40.0, 50.0, 60.0),
        sessions.stream().map(s -> s.metrics().get("maxTiltDeg")).toList());

    SessionRecord charted = archive.session("vert-09", "S-P0100-3").orElseThrow();
    assertEquals(3, charted.series().get("tiltDeg").size(), "one mean per second, three seconds");
    assertEquals(60.0, charted.series().get("tiltDeg").valueAt(2), 1e-9);
    assertEquals(Optional.empty(), archive.session("vert-09", "S-NOPE"));
    assertEquals(Optional.empty(), archive.session("vert-10", "S-P0100-3"), "another device's");
  }

  @Test
  void courseMarksAreStoredAndGroupTheSessions() throws Exception {
    for (int i = 0; i < 3; i++) {
      write(session(i, DAY1.plus(Duration.ofDays(i)), 40 + 10 * i));
    }
    write(List.of(status()));
    Clock atSecondDay = Clock.fixed(DAY1.plus(Duration.ofDays(1)).minusSeconds(60), ZoneOffset.UTC);
    ClinicalRecords records = new ClinicalRecords(archive, RecordsSettings.defaults(), atSecondDay);
    CourseMark mark = records.open(PATIENT, 10, "therapist1");
    assertEquals(10, mark.prescribedSessions());

    await().atMost(Duration.ofSeconds(20)).until(() -> records.courses(PATIENT).size() == 2);
    List<Course> courses = records.courses(PATIENT);
    assertEquals(1, courses.get(0).sessions().size());
    assertEquals(2, courses.get(1).sessions().size());
    assertTrue(courses.get(1).openedByTherapist());
    assertEquals(10, courses.get(1).prescribedSessions());
    assertNull(courses.get(1).closedAt());

    byte[] pdf = records.coursePdf(PATIENT, 2, Language.KK).orElseThrow();
    assertTrue(new String(pdf, 0, 5, StandardCharsets.US_ASCII).startsWith("%PDF-"));
    assertTrue(records.parentPdf(PATIENT, 2, Language.RU).isPresent());
    assertTrue(records.sessionPdf("vert-09", "S-P0100-3", Language.EN).isPresent());
    assertTrue(records.coursePdf(PATIENT, 3, Language.EN).isEmpty(), "no third course");
  }

  @Test
  void anythingButAnIdentifierIsRefusedBeforeItReachesSql() {
    for (String hostile : new String[] {"x' OR '1'='1", "", "P-1; DROP TABLE sample", "é"}) {
      assertThrows(IOException.class, () -> archive.sessionsOf(hostile), hostile);
      assertThrows(IOException.class, () -> archive.session("vert-09", hostile), hostile);
      assertThrows(IOException.class, () -> archive.session(hostile, "S-1"), hostile);
    }
  }

  /**
   * Another device that reuses a session id (a second gateway's device, a reflashed board, or a
   * hostile one) neither reads the first device's session nor mixes its summary, alarms,
   * completeness or samples into it.
   */
  @Test
  void aSessionIdReusedByAnotherDeviceStaysApart() throws Exception {
    for (int i = 0; i < 3; i++) {
      write(session(i, DAY1.plus(Duration.ofDays(i)), 40 + 10 * i));
    }
    write(List.of(status()));
    List<Message> intruder =
        session("vert-66", "P-0666", "S-P0100-3", DAY1.plus(Duration.ofDays(2)), 85, 3, true);
    write(intruder);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                archive.sessionsOf("P-0666").items().size() == 1
                    && archive.sessionsOf("P-0666").items().get(0).outcome() != null
                    && complete(archive));

    SessionRecord mine = archive.sessionsOf(PATIENT).items().get(2);
    assertEquals("vert-09", mine.deviceId());
    assertEquals(60.0, mine.metrics().get("maxTiltDeg"), "not the other device's summary");
    assertEquals(0, mine.alarmsRaised(), "not the other device's alarms");
    SessionRecord charted = archive.session("vert-09", "S-P0100-3").orElseThrow();
    assertEquals(60.0, charted.series().get("tiltDeg").valueAt(2), 1e-9, "not its samples");
    assertEquals(PATIENT, charted.patientCode());
    SessionRecord theirs = archive.session("vert-66", "S-P0100-3").orElseThrow();
    assertEquals("P-0666", theirs.patientCode());
    assertEquals(3, theirs.alarmsRaised());
    assertEquals(85.0, theirs.series().get("tiltDeg").valueAt(2), 1e-9);
  }

  /**
   * Answers stay bounded and say what they leave out: the newest sessions of a child (not the
   * oldest), and a session's first alarm state changes with the rest counted.
   */
  @Test
  void boundedAnswersKeepTheNewestAndCountWhatTheyLeaveOut() throws Exception {
    QuestDbArchive small =
        new QuestDbArchive(((EmbeddedQuestDb) store.resources()).sql(Duration.ofSeconds(10)), 2, 4);
    for (int i = 0; i < 3; i++) {
      write(
          session("vert-20", "P-0200", "S-P0200-" + i, DAY1.plus(Duration.ofDays(i)), 30, 6, true));
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> archive.sessionsOf("P-0200").items().size() == 3);

    Recent<SessionRecord> newest = small.sessionsOf("P-0200");
    assertTrue(newest.olderOmitted());
    assertEquals(
        List.of("S-P0200-1", "S-P0200-2"),
        newest.items().stream().map(SessionRecord::sessionId).toList(),
        "the newest two, oldest first");
    SessionRecord flooded = small.session("vert-20", "S-P0200-2").orElseThrow();
    assertEquals(4, flooded.alarms().size());
    assertEquals(
        6 * 2 - 4, flooded.alarmChangesOmitted(), "six raised and six cleared, four listed");
    assertEquals(6, flooded.alarmsRaised());
    String text =
        pdfText(
            new ClinicalRecords(small, RecordsSettings.defaults(), Clock.systemUTC())
                .sessionPdf("vert-20", "S-P0200-2", Language.EN)
                .orElseThrow());
    assertTrue(text.contains("Another 8 alarm state changes are stored"), text);
  }

  /** A session whose end never arrived is charted up to its last sample, not over an hour. */
  @Test
  void aSessionWithoutAnEndIsChartedToItsLastSample() throws Exception {
    write(session("vert-30", "P-0300", "S-P0300-1", DAY1, 50, 0, false));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                archive.session("vert-30", "S-P0300-1").map(s -> s.series().size()).orElse(0) == 1);
    SessionRecord open = archive.session("vert-30", "S-P0300-1").orElseThrow();
    assertNull(open.endedAt());
    assertEquals(
        3, open.series().get("tiltDeg").size(), "one mean per second over its three seconds");
  }

  private static String pdfText(byte[] pdf) throws Exception {
    Path file = dir.resolve("report-" + System.nanoTime() + ".pdf");
    java.nio.file.Files.write(file, pdf);
    Process process = new ProcessBuilder("pdftotext", "-layout", file.toString(), "-").start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor());
    return text.replaceAll("\\s+", " ");
  }

  private static boolean complete(QuestDbArchive archive) throws IOException {
    List<SessionRecord> sessions = archive.sessionsOf(PATIENT).items();
    return sessions.stream().allMatch(s -> s.outcome() != null)
        && sessions.get(1).completeness().checked()
        && sessions.get(1).alarmsRaised() == 1;
  }

  private void write(List<Message> messages) {
    List<Lines> lines = new ArrayList<>();
    for (Message message : messages) {
      lines.add(LineEncoder.encode("ward-b", message));
    }
    assertEquals(Optional.empty(), store.sink().write(Lines.concat(lines)));
  }

  private void writeCompleteness(
      String session, long received, long expected, String gaps, String lost) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("received", received);
    fields.put("expected", expected);
    fields.put("missing", expected - received);
    fields.put("complete", received == expected);
    fields.put("repaired", false);
    fields.put("gaps", gaps);
    fields.put("lost", lost.isEmpty() ? 0L : 1L);
    fields.put("lost_detail", lost);
    StringBuilder out = new StringBuilder();
    LineProtocol.append(
        out,
        new Point(
            "session_completeness",
            Map.of("site", "ward-b", "device", "vert-09", "session", session),
            fields,
            DAY1.getEpochSecond() * 1_000_000L));
    assertEquals(Optional.empty(), store.sink().write(new Lines(out.toString(), 1)));
  }

  private static DeviceStatus status() {
    return new DeviceStatus(
        new Header("vert-09", "b1", DAY1),
        DeviceState.ONLINE,
        DeviceKind.VERTICALIZER,
        "1.0",
        true,
        null,
        null);
  }

  /**
   * Session i of the child: started, three one-second batches of tilt rising to {@code tilt}, an
   * alarm in the second session, stopped, summary: seqs 0..6.
   */
  private static List<Message> session(int i, Instant start, double tilt) {
    return session("vert-09", PATIENT, "S-P0100-" + (i + 1), start, tilt, i == 1 ? 1 : 0, true);
  }

  /**
   * A session of {@code device}: started, three one-second batches of tilt rising to {@code tilt},
   * {@code alarms} alarms raised (with more than one, each cleared a second later), and, if {@code
   * ended}, stopped with a summary.
   */
  private static List<Message> session(
      String device,
      String patient,
      String id,
      Instant start,
      double tilt,
      int alarms,
      boolean ended) {
    List<Message> messages = new ArrayList<>();
    long seq = 0;
    messages.add(
        new SessionEvent(
            new Header(device, "b1", start),
            new SessionRef(id, seq++),
            SessionEventType.STARTED,
            "therapist",
            patient,
            "standing",
            Map.of("targetTiltDeg", tilt, "bodyWeightKg", 25.0)));
    long startUs = start.getEpochSecond() * 1_000_000L;
    for (int s = 0; s < 3; s++) {
      messages.add(
          new SampleBatch(
              new Header(device, "b1", start.plusSeconds(s + 1)),
              new SessionRef(id, seq++),
              startUs + s * 1_000_000L,
              List.of(
                  new ChannelSamples(
                      "tiltDeg",
                      "deg",
                      new long[] {0, 500_000},
                      new double[] {tilt * (s + 1) / 3, tilt * (s + 1) / 3}))));
    }
    for (int a = 0; a < alarms; a++) {
      messages.add(alarm(device, id, seq++, start.plusSeconds(10 + 2 * a), AlarmState.RAISED));
      if (alarms > 1) {
        messages.add(alarm(device, id, seq++, start.plusSeconds(11 + 2 * a), AlarmState.CLEARED));
      }
    }
    if (!ended) {
      return messages;
    }
    Instant end = start.plusSeconds(720);
    messages.add(
        new SessionEvent(
            new Header(device, "b1", end),
            new SessionRef(id, seq++),
            SessionEventType.STOPPED,
            "therapist",
            null,
            null,
            Map.of()));
    messages.add(
        new SessionSummary(
            new Header(device, "b1", end),
            new SessionRef(id, seq++),
            SessionEventType.STOPPED,
            start,
            end,
            Map.of("durationMin", new Metric(12, "min"), "maxTiltDeg", new Metric(tilt, "deg"))));
    return messages;
  }

  private static AlarmEvent alarm(
      String device, String session, long seq, Instant at, AlarmState state) {
    return new AlarmEvent(
        new Header(device, "b1", at),
        new SessionRef(session, seq),
        "A1",
        state,
        "HR_HIGH",
        AlarmPriority.MEDIUM,
        false,
        "heartRate",
        state == AlarmState.RAISED ? 131.0 : null,
        130.0,
        "heart rate 131 above 130");
  }
}
