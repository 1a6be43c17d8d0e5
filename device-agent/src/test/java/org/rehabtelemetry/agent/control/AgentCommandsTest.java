package org.rehabtelemetry.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.rehabtelemetry.hardware.gpio.StartStopButton;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.hardware.profile.DeviceProfiles;
import org.rehabtelemetry.protocol.DeviceKind;

/**
 * The therapist's commands: the wrong-patient guard (nothing stays armed after a session, a press
 * with nothing armed is refused with a notice), and commands checked before they change anything.
 */
class AgentCommandsTest {
  @TempDir Path dir;
  private final DeviceProfile profile = DeviceProfiles.builtIn(DeviceKind.HYDROTHERAPY);
  private final List<String> notices = new ArrayList<>();
  private SessionRecorder recorder;
  private AgentCommands commands;

  @BeforeEach
  void setUp() {
    FakeClock clock = new FakeClock();
    recorder =
        new SessionRecorder(
            "hydro-01",
            "boot1",
            profile,
            new Timebase(
                Clock.fixed(Instant.parse("2026-11-30T09:00:00Z"), ZoneOffset.UTC),
                clock,
                Duration.ofSeconds(1)),
            clock,
            new MemoryJournal(1 << 24, JournalListener.NONE),
            new SessionStore(dir));
    commands =
        new AgentCommands(
            profile,
            recorder,
            new AlarmManager("A", alarm -> {}),
            Optional::empty,
            List::of,
            notices::add);
  }

  @Test
  void afterASessionEnds_nothingIsArmed_andAPressStartsNoOneElsesSession() {
    commands.arm(new SessionSetup("P-CHILD1", "showerMassage", Map.of("waterTempC", 35.0)));
    commands.buttonPressed(StartStopButton.Press.SHORT);
    assertEquals(SessionState.RUNNING, recorder.state());
    assertEquals("P-CHILD1", recorder.current().orElseThrow().patientCode());

    commands.buttonPressed(StartStopButton.Press.LONG);
    assertEquals(SessionState.IDLE, recorder.state());
    assertEquals(Optional.empty(), commands.armed(), "the previous child's setup is gone");

    commands.buttonPressed(StartStopButton.Press.SHORT);
    assertEquals(SessionState.IDLE, recorder.state(), "no session for the previous child");
    assertEquals(1, notices.size());
    assertTrue(notices.get(0).startsWith("Nothing is prepared"), notices.toString());
  }

  @Test
  void aSessionEndedByTheCommandLine_disarmsToo() {
    commands.arm(new SessionSetup("P-CHILD1", "showerMassage", Map.of()));
    commands.startSession(new SessionSetup("P-CHILD2", "showerMassage", Map.of()), "cli");
    commands.stopSession("cli");
    assertEquals(Optional.empty(), commands.armed());
  }

  @Test
  void aSettingOutOfRange_isRefusedBeforeAnythingChanges() {
    SessionRefusedException refused =
        assertThrows(
            SessionRefusedException.class,
            () ->
                commands.startSession(
                    new SessionSetup("P-CHILD1", "showerMassage", Map.of("waterTempC", 60.0)),
                    "therapist"));
    assertEquals(
        "The setting Water temperature must be between 30 and 38 °C; 60 was given.",
        refused.getMessage(),
        "in the therapist's words");
    assertEquals(SessionState.IDLE, recorder.state());
    assertThrows(
        SessionRefusedException.class,
        () -> commands.arm(new SessionSetup("Ivanov Ivan", "showerMassage", Map.of())));
    assertEquals(Optional.empty(), commands.armed(), "a refused arm arms nothing");
  }

  @Test
  void aStopWithABadReason_leavesTheSessionRunning_notHalfEnded() {
    commands.startSession(new SessionSetup("P-CHILD1", "showerMassage", Map.of()), "therapist");
    assertThrows(SessionRefusedException.class, () -> commands.stopSession("a\tb"));
    assertEquals(SessionState.RUNNING, recorder.state());
    commands.stopSession("therapist");
    assertEquals(SessionState.IDLE, recorder.state());
  }
}
