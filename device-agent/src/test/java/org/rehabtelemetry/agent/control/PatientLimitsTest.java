package org.rehabtelemetry.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.agent.alarm.AlarmManager;
import org.rehabtelemetry.agent.journal.JournalListener;
import org.rehabtelemetry.agent.journal.MemoryJournal;
import org.rehabtelemetry.agent.session.SessionRecorder;
import org.rehabtelemetry.agent.session.SessionRefusedException;
import org.rehabtelemetry.agent.session.SessionState;
import org.rehabtelemetry.agent.session.SessionStore;
import org.rehabtelemetry.agent.time.Timebase;
import org.rehabtelemetry.hardware.fake.FakeClock;
import org.rehabtelemetry.hardware.profile.DeviceProfiles;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.protocol.MessageCodec;
import org.rehabtelemetry.protocol.SessionEvent;

/**
 * Per-patient alarm limits at session start: an age-band preset of the profile, overrides by code
 * within the profile's hard bounds, recorded in the session's {@code started} event and handed to
 * the alarm rules; anything outside is refused in words before anything changes.
 */
class PatientLimitsTest {
  @TempDir Path dir;
  private final MemoryJournal journal = new MemoryJournal(1 << 24, JournalListener.NONE);
  private final List<Map<String, Double>> applied = new ArrayList<>();
  private SessionRecorder recorder;
  private AgentCommands commands;

  @BeforeEach
  void setUp() {
    FakeClock clock = new FakeClock();
    var profile = DeviceProfiles.builtIn(DeviceKind.VERTICALIZER);
    recorder =
        new SessionRecorder(
            "vert-01",
            "boot1",
            profile,
            new Timebase(
                Clock.fixed(Instant.parse("2026-11-30T09:00:00Z"), ZoneOffset.UTC),
                clock,
                Duration.ofSeconds(1)),
            clock,
            journal,
            new SessionStore(dir));
    commands =
        new AgentCommands(
            profile,
            recorder,
            new AlarmManager("A", alarm -> {}),
            Optional::empty,
            List::of,
            notice -> {});
    commands.addObserver(
        new SessionObserver() {
          @Override
          public void started(
              String sessionId, Map<String, Double> settings, Map<String, Double> limits) {
            applied.add(limits);
          }
        });
  }

  @Test
  void anAgeBandPreset_withAnOverride_reachesTheRules_andIsRecordedWithTheSession() {
    commands.startSession(
        new SessionSetup("P-CHILD1", "standing", Map.of(), Map.of("HR_HIGH", 130.0), "5-12y"),
        "therapist");

    assertEquals(Map.of("HR_LOW", 80.0, "HR_HIGH", 130.0), applied.get(0));
    journal.commit();
    SessionEvent started =
        (SessionEvent) new MessageCodec().decode(journal.readUnsent(0, 1).get(0).payload());
    assertEquals(80.0, started.settings().get("limit_HR_LOW"));
    assertEquals(130.0, started.settings().get("limit_HR_HIGH"));
    assertEquals(60.0, started.settings().get("targetTiltDeg"), "the programme's settings too");
  }

  @Test
  void limitsOutsideTheBounds_notAdjustable_orAnUnknownPreset_areRefusedInWords() {
    assertRefused(
        new SessionSetup("P-CHILD1", "standing", Map.of(), Map.of("HR_HIGH", 240.0), null),
        "The alarm limit of HR_HIGH must be between 100 and 200; 240 was asked.");
    assertRefused(
        new SessionSetup("P-CHILD1", "standing", Map.of(), Map.of("TILT_RATE_HIGH", 9.0), null),
        "The alarm limit of TILT_RATE_HIGH cannot be changed per patient on this device; these"
            + " can: [HR_HIGH, HR_LOW, SPO2_LOW].");
    assertRefused(
        new SessionSetup("P-CHILD1", "standing", Map.of(), Map.of(), "adult"),
        "There is no alarm limit preset \"adult\" on this device; choose one of [2-5y, 5-12y,"
            + " 12y+].");
    assertEquals(SessionState.IDLE, recorder.state(), "nothing started");
    assertEquals(0, journal.stats().lastId(), "nothing journaled");
  }

  private void assertRefused(SessionSetup setup, String message) {
    assertEquals(
        message,
        assertThrows(SessionRefusedException.class, () -> commands.startSession(setup, "therapist"))
            .getMessage());
  }
}
