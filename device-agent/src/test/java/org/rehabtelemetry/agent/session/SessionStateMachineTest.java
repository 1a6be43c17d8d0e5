package org.rehabtelemetry.agent.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.protocol.SessionEventType;

class SessionStateMachineTest {
  private final SessionStateMachine machine = new SessionStateMachine();

  @Test
  void fullCycle_runsThroughEveryState() {
    assertEquals(SessionEventType.STARTED, machine.start(false, List.of()));
    assertEquals(SessionEventType.PAUSED, machine.pause());
    assertEquals(SessionState.PAUSED, machine.state());
    assertEquals(SessionEventType.RESUMED, machine.resume(false));
    assertEquals(SessionEventType.STOPPED, machine.stop());
    assertEquals(SessionState.COMPLETED, machine.state());
    machine.finish();
    assertEquals(SessionState.IDLE, machine.state());
  }

  @Test
  void start_whileEstopLatched_isRefusedWithAClearMessage() {
    SessionRefusedException e =
        assertThrows(SessionRefusedException.class, () -> machine.start(true, List.of()));
    assertEquals(
        "The emergency stop is latched: reset it on the device before starting.", e.getMessage());
    assertEquals(SessionState.IDLE, machine.state());
  }

  @Test
  void start_withFaultedSensor_namesIt() {
    SessionRefusedException e =
        assertThrows(
            SessionRefusedException.class, () -> machine.start(false, List.of("oximeter")));
    assertEquals("Cannot start: sensor fault on oximeter.", e.getMessage());
  }

  @Test
  void resume_whileEstopLatched_isRefused() {
    machine.start(false, List.of());
    machine.pause();
    assertThrows(SessionRefusedException.class, () -> machine.resume(true));
    assertEquals(SessionState.PAUSED, machine.state());
  }

  @Test
  void interrupt_fromPaused_endsInterrupted() {
    machine.start(false, List.of());
    machine.pause();
    assertEquals(SessionEventType.INTERRUPTED, machine.interrupt());
    assertEquals(SessionState.INTERRUPTED, machine.state());
  }

  @Test
  void doubleStart_andStopWhenIdle_areRefused() {
    machine.start(false, List.of());
    assertEquals(
        "A session is already running.",
        assertThrows(SessionRefusedException.class, () -> machine.start(false, List.of()))
            .getMessage());
    machine.stop();
    machine.finish();
    assertThrows(SessionRefusedException.class, machine::stop);
    assertThrows(SessionRefusedException.class, machine::pause);
  }
}
