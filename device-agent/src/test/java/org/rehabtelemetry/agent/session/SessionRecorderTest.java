package org.rehabtelemetry.agent.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.agent.alarm.ActiveAlarm;
import org.rehabtelemetry.agent.alarm.AlarmSpec;
import org.rehabtelemetry.agent.journal.DiskJournal;
import org.rehabtelemetry.agent.journal.JournalConfig;
import org.rehabtelemetry.agent.journal.JournalListener;
import org.rehabtelemetry.agent.journal.JournalRecord;
import org.rehabtelemetry.agent.time.Timebase;
import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.hardware.fake.FakeClock;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.hardware.profile.DeviceProfiles;
import org.rehabtelemetry.protocol.AlarmPriority;
import org.rehabtelemetry.protocol.AlarmState;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.protocol.Limits;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.MessageCodec;
import org.rehabtelemetry.protocol.SampleBatch;
import org.rehabtelemetry.protocol.SessionEvent;
import org.rehabtelemetry.protocol.SessionEventType;
import org.rehabtelemetry.protocol.SessionSummary;

class SessionRecorderTest {
  @TempDir Path dir;
  private final FakeClock clock = new FakeClock();
  private final DeviceProfile profile = DeviceProfiles.builtIn(DeviceKind.VERTICALIZER);
  private final Timebase timebase =
      new Timebase(
          Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC),
          clock,
          Duration.ofSeconds(1));
  private final MessageCodec codec = new MessageCodec();

  @Test
  void session_recordsStartedBatchesAlarmStoppedAndSummary_withContiguousSeqs() {
    try (DiskJournal journal = journal()) {
      SessionRecorder recorder = recorder(journal);
      String id =
          recorder.start(
              "P-7F3A",
              "standing",
              Map.of("targetTiltDeg", 60.0, "bodyWeightKg", 25.0),
              "therapist",
              false,
              List.of());
      for (int second = 0; second < 3; second++) {
        for (int i = 0; i < 10; i++) {
          clock.advance(Duration.ofMillis(100));
          recorder.onReading(new Reading("tiltDeg", 20.0 * second + i, clock.nanos()));
          recorder.onReading(new Reading("loadLeftKg", 10.0, clock.nanos()));
          recorder.onReading(new Reading("loadRightKg", 12.0, clock.nanos()));
        }
        recorder.onReading(new Reading("heartRate", 90 + second, clock.nanos()));
        recorder.flush();
      }
      recorder.onAlarm(alarm());
      recorder.stop("therapist");

      List<Message> messages = decodeAll(journal);
      assertTrue(id.matches("S20261123T090000-[0-9a-f]{6}"), id);
      List<Long> seqs = messages.stream().map(m -> m.sessionRef().orElseThrow().seq()).toList();
      for (int i = 0; i < seqs.size(); i++) {
        assertEquals(i, seqs.get(i), "seqs are contiguous from 0");
      }
      assertEquals(SessionEventType.STARTED, ((SessionEvent) messages.get(0)).event());
      assertEquals("P-7F3A", ((SessionEvent) messages.get(0)).patientCode());
      SessionSummary summary = (SessionSummary) messages.get(messages.size() - 1);
      assertEquals(SessionEventType.STOPPED, summary.outcome());
      assertEquals(messages.size() - 1, summary.session().seq(), "the summary is last");
      assertEquals(18.18, summary.metrics().get("symmetryIndexPct").value(), 0.001, "(12-10)/11");
      assertEquals(40.0, summary.metrics().get("weightBearingLeftPct").value(), 0.01);
      long samples =
          messages.stream()
              .filter(m -> m instanceof SampleBatch)
              .mapToLong(m -> ((SampleBatch) m).sampleCount())
              .sum();
      assertEquals(
          30 + 30 + 30 + 3,
          samples,
          "tilt at its 10 Hz publish rate (the last window too), loads and heart rate at full rate");
      assertEquals(
          Map.of("heartRate", 3L, "loadLeftKg", 30L, "loadRightKg", 30L, "tiltDeg", 30L),
          recorder.samplesRecorded(),
          "what it journaled per channel, for the audit against storage");
      assertEquals(SessionState.IDLE, recorder.state());
    }
  }

  @Test
  void livePreview_takesTheSamplesSinceTheLastOne_withoutJournalingAnything() {
    try (DiskJournal journal = journal()) {
      SessionRecorder recorder = recorder(journal);
      assertTrue(recorder.takeLive().isEmpty(), "no session");
      String sessionId =
          recorder.start(
              "P-1",
              "standing",
              Map.of("targetTiltDeg", 60.0, "bodyWeightKg", 25.0),
              "button",
              false,
              List.of());
      assertTrue(recorder.takeLive().isEmpty(), "the first turn starts the previews");
      long before = journal.stats().lastId();
      int previewed = 0;
      for (int i = 0; i < 20; i++) {
        clock.advance(Duration.ofMillis(50));
        recorder.onReading(new Reading("tiltDeg", 30 + i, clock.nanos()));
        if (i % 2 == 1) { // every 100 ms
          for (org.rehabtelemetry.protocol.LiveSamples preview :
              recorder.takeLive().stream().toList()) {
            assertEquals(sessionId, preview.sessionId());
            previewed += preview.channels().get(0).size();
          }
        }
      }
      assertTrue(previewed > 0, "previews carried samples");
      assertTrue(recorder.takeLive().isEmpty(), "nothing new since the last one");
      assertEquals(before, journal.stats().lastId(), "a preview takes no journal id (no seq)");
      recorder.flush();
      SampleBatch batch =
          (SampleBatch)
              decodeAll(journal).stream().filter(m -> m instanceof SampleBatch).findFirst().get();
      assertEquals(previewed, batch.sampleCount(), "the batch carries the same samples");
      recorder.pause("button");
      recorder.onReading(new Reading("tiltDeg", 32, clock.nanos()));
      assertTrue(recorder.takeLive().isEmpty(), "paused: nothing recorded, nothing previewed");
    }
  }

  @Test
  void pausedSession_recordsNoSamples() {
    try (DiskJournal journal = journal()) {
      SessionRecorder recorder = recorder(journal);
      recorder.start("P-1", "standing", Map.of(), "button", false, List.of());
      recorder.pause("button");
      clock.advance(Duration.ofMillis(100));
      recorder.onReading(new Reading("tiltDeg", 30, clock.nanos()));
      recorder.resume("button", false);
      recorder.stop("button");
      assertTrue(decodeAll(journal).stream().noneMatch(m -> m instanceof SampleBatch));
    }
  }

  @Test
  void start_whileEstopLatched_isRefused_andNothingIsJournaled() {
    try (DiskJournal journal = journal()) {
      SessionRecorder recorder = recorder(journal);
      assertThrows(
          SessionRefusedException.class,
          () -> recorder.start("P-1", "standing", Map.of(), "therapist", true, List.of()));
      assertEquals(0, journal.stats().lastId());
    }
  }

  @Test
  void unknownProgramme_isRefused() {
    try (DiskJournal journal = journal()) {
      SessionRefusedException e =
          assertThrows(
              SessionRefusedException.class,
              () -> recorder(journal).start("P-1", "swimming", Map.of(), "x", false, List.of()));
      assertEquals(
          "This device has no programme \"swimming\". Choose one of: standing.", e.getMessage());
    }
  }

  @Test
  void restartAfterCrash_endsTheSessionInterrupted_continuingItsSeqs() {
    String sessionId;
    try (DiskJournal journal = journal()) {
      SessionRecorder recorder = recorder(journal);
      sessionId = recorder.start("P-1", "standing", Map.of(), "therapist", false, List.of());
      clock.advance(Duration.ofMillis(100));
      recorder.onReading(new Reading("loadLeftKg", 30, clock.nanos()));
      recorder.flush();
      journal.commit();
    }
    try (DiskJournal journal = journal()) {
      SessionRecorder restarted = recorder(journal);
      assertEquals(sessionId, restarted.recoverInterrupted().orElseThrow());
      List<Message> messages = decodeAll(journal);
      assertEquals(4, messages.size());
      SessionEvent interrupted = (SessionEvent) messages.get(2);
      assertEquals(SessionEventType.INTERRUPTED, interrupted.event());
      assertEquals(2, interrupted.session().seq());
      assertEquals("crash or power loss found at restart", interrupted.reason());
      SessionSummary summary = (SessionSummary) messages.get(3);
      assertEquals(SessionEventType.INTERRUPTED, summary.outcome());
      assertEquals(3, summary.session().seq());
      assertTrue(restarted.recoverInterrupted().isEmpty(), "only once");
    }
  }

  @Test
  void aSessionReachingTheSeqLimit_endsInterrupted_withItsSummaryWithinTheLimit() {
    SkippingJournal journal = new SkippingJournal();
    SessionRecorder recorder =
        new SessionRecorder(
            "vert-01", "boot1", profile, timebase, clock, journal, new SessionStore(dir));
    recorder.start(
        "P-7F3A", "standing", Map.of("targetTiltDeg", 60.0), "therapist", false, List.of());
    assertFalse(recorder.nearSeqLimit());
    journal.skip(Limits.MAX_SEQ - SessionRecorder.SEQ_RESERVE);
    assertTrue(recorder.nearSeqLimit(), "the owner is told in time");

    journal.skip(SessionRecorder.SEQ_RESERVE - 5); // the owner did not act: the last resort
    recorder.onReading(new Reading("tiltDeg", 10, clock.nanos()));
    recorder.flush();

    assertEquals(SessionState.IDLE, recorder.state());
    List<Message> messages = new ArrayList<>();
    journal.readUnsent(0, 100).forEach(r -> messages.add(codec.decode(r.payload())));
    SessionEvent ended = (SessionEvent) messages.get(messages.size() - 2);
    assertEquals(SessionEventType.INTERRUPTED, ended.event());
    assertEquals(SessionRecorder.SEQ_LIMIT_REASON, ended.reason());
    SessionSummary summary = (SessionSummary) messages.get(messages.size() - 1);
    assertTrue(summary.session().seq() <= Limits.MAX_SEQ, "the summary fits: " + summary);
  }

  private List<Message> decodeAll(DiskJournal journal) {
    journal.commit();
    List<Message> messages = new ArrayList<>();
    for (JournalRecord record : journal.readUnsent(0, 10_000)) {
      messages.add(codec.decode(record.payload()));
    }
    return messages;
  }

  private static ActiveAlarm alarm() {
    return new ActiveAlarm(
        "A-1",
        new AlarmSpec(
            "HR_HIGH",
            "HR_HIGH",
            AlarmPriority.MEDIUM,
            false,
            "heartRate",
            165.0,
            160.0,
            "Heart rate 165 above 160"),
        AlarmState.RAISED,
        0);
  }

  private SessionRecorder recorder(DiskJournal journal) {
    return new SessionRecorder(
        "vert-01",
        "boot1",
        profile,
        timebase,
        clock,
        journal,
        new SessionStore(dir.resolve("state")));
  }

  private DiskJournal journal() {
    return DiskJournal.open(
        new JournalConfig(
            dir.resolve("journal"),
            1 << 16,
            1 << 24,
            Duration.ofDays(1),
            Duration.ofHours(1),
            1 << 20),
        JournalListener.NONE);
  }
}
