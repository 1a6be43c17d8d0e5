package org.rehabtelemetry.gateway.records;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
    writeCompleteness("S-P0100-1", 7, 7, "");
    writeCompleteness("S-P0100-2", 5, 7, "3-4 lost: evicted");

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> archive.sessionsOf(PATIENT).size() == 3 && complete(archive));

    assertEquals(List.of(PATIENT), archive.patients());
    List<SessionRecord> sessions = archive.sessionsOf(PATIENT);
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
    assertEquals("3-4 lost: evicted", second.completeness().gaps());
    assertEquals(1, second.alarmsRaised());
    assertEquals("HR_HIGH", second.alarms().get(0).code());
    assertEquals(131.0, second.alarms().get(0).value());
    assertTrue(second.series().isEmpty(), "lists carry no chart series");
    assertEquals(
        List.of(40.0, 50.0, 60.0),
        sessions.stream().map(s -> s.metrics().get("maxTiltDeg")).toList());

    SessionRecord charted = archive.session("S-P0100-3").orElseThrow();
    assertEquals(3, charted.series().get("tiltDeg").size(), "one mean per second, three seconds");
    assertEquals(60.0, charted.series().get("tiltDeg").valueAt(2), 1e-9);
    assertEquals(Optional.empty(), archive.session("S-NOPE"));
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
    assertTrue(records.sessionPdf("S-P0100-3", Language.EN).isPresent());
    assertTrue(records.coursePdf(PATIENT, 3, Language.EN).isEmpty(), "no third course");
  }

  @Test
  void anythingButAnIdentifierIsRefusedBeforeItReachesSql() {
    for (String hostile : new String[] {"x' OR '1'='1", "", "P-1; DROP TABLE sample", "é"}) {
      assertThrows(IOException.class, () -> archive.sessionsOf(hostile), hostile);
      assertThrows(IOException.class, () -> archive.session(hostile), hostile);
    }
  }

  private static boolean complete(QuestDbArchive archive) throws IOException {
    List<SessionRecord> sessions = archive.sessionsOf(PATIENT);
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

  private void writeCompleteness(String session, long received, long expected, String gaps) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("received", received);
    fields.put("expected", expected);
    fields.put("missing", expected - received);
    fields.put("complete", received == expected);
    fields.put("repaired", false);
    fields.put("gaps", gaps);
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
   * Session i: started, three one-second batches of tilt rising to {@code tilt}, an alarm in the
   * second session, stopped, summary: seqs 0..6.
   */
  private static List<Message> session(int i, Instant start, double tilt) {
    String id = "S-P0100-" + (i + 1);
    List<Message> messages = new ArrayList<>();
    long seq = 0;
    messages.add(
        new SessionEvent(
            new Header("vert-09", "b1", start),
            new SessionRef(id, seq++),
            SessionEventType.STARTED,
            "therapist",
            PATIENT,
            "standing",
            Map.of("targetTiltDeg", tilt, "bodyWeightKg", 25.0)));
    long startUs = start.getEpochSecond() * 1_000_000L;
    for (int s = 0; s < 3; s++) {
      messages.add(
          new SampleBatch(
              new Header("vert-09", "b1", start.plusSeconds(s + 1)),
              new SessionRef(id, seq++),
              startUs + s * 1_000_000L,
              List.of(
                  new ChannelSamples(
                      "tiltDeg",
                      "deg",
                      new long[] {0, 500_000},
                      new double[] {tilt * (s + 1) / 3, tilt * (s + 1) / 3}))));
    }
    if (i == 1) {
      messages.add(
          new AlarmEvent(
              new Header("vert-09", "b1", start.plusSeconds(2)),
              new SessionRef(id, seq++),
              "A1",
              AlarmState.RAISED,
              "HR_HIGH",
              AlarmPriority.MEDIUM,
              false,
              "heartRate",
              131.0,
              130.0,
              "heart rate 131 above 130"));
    }
    Instant end = start.plusSeconds(720);
    messages.add(
        new SessionEvent(
            new Header("vert-09", "b1", end),
            new SessionRef(id, seq++),
            SessionEventType.STOPPED,
            "therapist",
            null,
            null,
            Map.of()));
    messages.add(
        new SessionSummary(
            new Header("vert-09", "b1", end),
            new SessionRef(id, seq++),
            SessionEventType.STOPPED,
            start,
            end,
            Map.of("durationMin", new Metric(12, "min"), "maxTiltDeg", new Metric(tilt, "deg"))));
    return messages;
  }
}
