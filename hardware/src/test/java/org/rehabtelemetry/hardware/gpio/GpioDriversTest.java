package org.rehabtelemetry.hardware.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.hardware.RecordingListener;
import org.rehabtelemetry.hardware.fake.FakeClock;
import org.rehabtelemetry.hardware.fake.FakeDigitalLine;
import org.rehabtelemetry.hardware.fault.FaultKind;
import org.rehabtelemetry.hardware.fault.SensorHealth;

class GpioDriversTest {
  private static final long DEBOUNCE = Duration.ofMillis(20).toNanos();
  private final FakeClock clock = new FakeClock();
  private final RecordingListener listener = new RecordingListener();

  @Test
  void debouncer_ignoresBounceShorterThanDebounceTime() {
    Debouncer debouncer = new Debouncer(false, 20, 0);
    debouncer.raw(true, 1);
    debouncer.raw(false, 5);
    debouncer.raw(true, 8);
    assertFalse(debouncer.update(20), "only 12 ns since the last bounce");
    assertTrue(debouncer.update(28));
    assertTrue(debouncer.stable());
  }

  @Test
  void emergencyStop_latchesOnDebouncedPress_andStaysAfterRelease() {
    FakeDigitalLine line = new FakeDigitalLine("gpio17", true);
    EmergencyStop stop = new EmergencyStop(line, true, DEBOUNCE, clock, listener);
    line.set(false);
    assertFalse(stop.isLatched(), "not before the debounce time");
    clock.advance(Duration.ofMillis(25));
    stop.poll(clock.nanos());
    assertTrue(stop.isLatched());
    line.set(true);
    clock.advance(Duration.ofMillis(25));
    stop.poll(clock.nanos());
    assertFalse(stop.isPressed());
    assertTrue(stop.isLatched(), "released but still latched");
    assertEquals(List.of("estop latched"), listener.events);
  }

  @Test
  void emergencyStop_bounceShorterThanDebounce_doesNotLatch() {
    FakeDigitalLine line = new FakeDigitalLine("gpio17", true);
    EmergencyStop stop = new EmergencyStop(line, true, DEBOUNCE, clock, listener);
    line.set(false);
    clock.advance(Duration.ofMillis(5));
    line.set(true);
    clock.advance(Duration.ofMillis(50));
    stop.poll(clock.nanos());
    assertFalse(stop.isLatched());
  }

  @Test
  void emergencyStop_resetIsRefusedWhilePressed_thenClearsTheLatch() {
    FakeDigitalLine line = new FakeDigitalLine("gpio17", true);
    EmergencyStop stop = new EmergencyStop(line, true, DEBOUNCE, clock, listener);
    line.set(false);
    clock.advance(Duration.ofMillis(25));
    stop.poll(clock.nanos());
    IllegalStateException refused = assertThrows(IllegalStateException.class, stop::reset);
    assertEquals(
        "the emergency stop on gpio17 is still pressed: release it, then reset",
        refused.getMessage());
    line.set(true);
    clock.advance(Duration.ofMillis(25));
    stop.poll(clock.nanos());
    stop.reset();
    assertFalse(stop.isLatched());
    assertEquals(List.of("estop latched", "estop reset"), listener.events);
  }

  @Test
  void emergencyStop_pressedAtStartup_startsLatched() {
    FakeDigitalLine line = new FakeDigitalLine("gpio17", false);
    assertTrue(new EmergencyStop(line, true, DEBOUNCE, clock, listener).isLatched());
  }

  @Test
  void button_shortPress_firesOnRelease() {
    FakeDigitalLine line = new FakeDigitalLine("gpio27", true);
    StartStopButton button =
        new StartStopButton(line, true, DEBOUNCE, Duration.ofSeconds(2).toNanos(), clock, listener);
    press(line, button, Duration.ofMillis(300));
    assertEquals(List.of("button SHORT"), listener.events);
  }

  @Test
  void button_longPress_firesWhileHeld_andNothingOnRelease() {
    FakeDigitalLine line = new FakeDigitalLine("gpio27", true);
    StartStopButton button =
        new StartStopButton(line, true, DEBOUNCE, Duration.ofSeconds(2).toNanos(), clock, listener);
    line.set(false);
    for (int i = 0; i < 210; i++) {
      clock.advance(Duration.ofMillis(10));
      button.poll(clock.nanos());
    }
    assertEquals(List.of("button LONG"), listener.events, "fired once while held");
    line.set(true);
    clock.advance(Duration.ofMillis(30));
    button.poll(clock.nanos());
    assertEquals(List.of("button LONG"), listener.events);
  }

  @Test
  void contactSwitch_reportsDebouncedChanges() {
    FakeDigitalLine line = new FakeDigitalLine("gpio22", true);
    ContactSwitch footplate =
        new ContactSwitch("footplateOccupied", line, true, DEBOUNCE, clock, listener);
    line.set(false);
    clock.advance(Duration.ofMillis(25));
    footplate.poll(clock.nanos());
    assertTrue(footplate.isActive());
    assertEquals(List.of("footplateOccupied true"), listener.events);
  }

  @Test
  void flowMeter_convertsPulseRateToLitresPerMinute() {
    FakeDigitalLine line = new FakeDigitalLine("gpio24", false);
    SensorHealth health = new SensorHealth("flow", 5_000_000_000L, clock.nanos(), listener);
    FlowMeter meter = new FlowMeter("flowLpm", line, 7.5, 45, clock.nanos(), health, listener);
    line.pulse(75);
    clock.advance(Duration.ofSeconds(1));
    meter.poll(clock.nanos());
    clock.advance(Duration.ofSeconds(1));
    meter.poll(clock.nanos());
    assertEquals(List.of(10.0, 0.0), listener.values("flowLpm"), "75 Hz = 10 L/min, then none");
  }

  @Test
  void flowMeter_impossibleRate_isOutOfRange() {
    FakeDigitalLine line = new FakeDigitalLine("gpio24", false);
    SensorHealth health = new SensorHealth("flow", 5_000_000_000L, clock.nanos(), listener);
    FlowMeter meter = new FlowMeter("flowLpm", line, 7.5, 45, clock.nanos(), health, listener);
    line.pulse(1000);
    clock.advance(Duration.ofSeconds(1));
    meter.poll(clock.nanos());
    assertEquals(FaultKind.OUT_OF_RANGE, health.status().cause());
    assertTrue(listener.values("flowLpm").isEmpty());
  }

  private void press(FakeDigitalLine line, StartStopButton button, Duration hold) {
    line.set(false);
    for (long t = 0; t < hold.toMillis(); t += 10) {
      clock.advance(Duration.ofMillis(10));
      button.poll(clock.nanos());
    }
    line.set(true);
    clock.advance(Duration.ofMillis(30));
    button.poll(clock.nanos());
  }
}
