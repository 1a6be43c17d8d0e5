package org.rehabtelemetry.hardware.pi4j;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.hardware.DeviceHardware;
import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.hardware.RecordingListener;
import org.rehabtelemetry.hardware.gpio.EmergencyStop;
import org.rehabtelemetry.hardware.port.MonotonicClock;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.hardware.profile.DeviceProfiles;

/**
 * The hydrotherapy profile's GPIO, assembled by {@link DeviceHardware} on Pi4J's mock platform,
 * driven by toggling mock inputs in real time: e-stop latch and reset, start/stop button presses,
 * switches and the flow meter.
 */
class GpioOnPi4jMockIT {
  private static final int ESTOP = 17;
  private static final int BUTTON = 27;
  private static final int WATER_LEVEL = 22;
  private static final int FLOW = 24;

  private final Context context = MockPi4j.context();
  private final MockBoardPorts ports = new MockBoardPorts(context);
  private final RecordingListener listener = new RecordingListener();
  private DeviceHardware hardware;

  @AfterEach
  void stop() {
    if (hardware != null) {
      hardware.close();
    }
    context.shutdown();
  }

  @Test
  void emergencyStop_latchesOnPress_staysAfterRelease_andResetsOnlyWhenReleased(@TempDir Path dir)
      throws IOException {
    start(dir);
    EmergencyStop stop = hardware.emergencyStop().orElseThrow();
    assertFalse(stop.isLatched());
    drive(ESTOP, false);
    await().atMost(Duration.ofSeconds(2)).until(stop::isLatched);
    drive(ESTOP, true);
    await().atMost(Duration.ofSeconds(2)).until(() -> !stop.isPressed());
    assertTrue(stop.isLatched(), "released, still latched");
    stop.reset();
    assertFalse(stop.isLatched());
    assertEquals(List.of("estop latched", "estop reset"), listener.events);
  }

  @Test
  void startStopButton_shortAndLongPress(@TempDir Path dir) throws IOException {
    start(dir);
    drive(BUTTON, false);
    await().pollDelay(Duration.ofMillis(200)).until(() -> true);
    drive(BUTTON, true);
    await().atMost(Duration.ofSeconds(2)).until(() -> listener.events.contains("button SHORT"));

    drive(BUTTON, false);
    await().atMost(Duration.ofSeconds(5)).until(() -> listener.events.contains("button LONG"));
    drive(BUTTON, true);
    assertEquals(List.of("button SHORT", "button LONG"), listener.events);
  }

  @Test
  void waterLevelSwitch_reportsDebouncedChange(@TempDir Path dir) throws IOException {
    start(dir);
    drive(WATER_LEVEL, false);
    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> hardware.switches().get("waterLevelOk").isActive());
    assertTrue(listener.events.contains("waterLevelOk true"));
  }

  @Test
  void flowMeter_pulsesAt75Hz_read10LitresPerMinute_andEveryPulseIsAccountedFor(@TempDir Path dir)
      throws Exception {
    start(dir);
    int bursts = 15;
    int pulsesPerBurst = 15;
    AtomicInteger sent = new AtomicInteger();
    ScheduledExecutorService pulser = Executors.newSingleThreadScheduledExecutor();
    try {
      pulser.scheduleAtFixedRate(
          () -> {
            if (sent.get() < bursts * pulsesPerBurst) {
              for (int i = 0; i < pulsesPerBurst; i++) {
                drive(FLOW, true);
                drive(FLOW, false);
              }
              sent.addAndGet(pulsesPerBurst);
            }
          },
          0,
          200,
          TimeUnit.MILLISECONDS);
      await().atMost(Duration.ofSeconds(10)).until(() -> sent.get() == bursts * pulsesPerBurst);
      int readingsWhenDone = flowReadings().size();
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> flowReadings().size() >= readingsWhenDone + 2);
    } finally {
      pulser.shutdownNow();
    }
    List<Reading> readings = flowReadings();
    double counted = 0;
    long previous = startNanos;
    double peak = 0;
    for (Reading reading : readings) {
      counted += reading.value() * 7.5 * (reading.nanos() - previous) / 1e9;
      previous = reading.nanos();
      peak = Math.max(peak, reading.value());
    }
    assertEquals(bursts * pulsesPerBurst, counted, 0.01, "every pulse is in some reading");
    assertTrue(peak > 8 && peak < 12.5, "about 10 L/min at 75 Hz, was " + peak);
  }

  private long startNanos;

  private List<Reading> flowReadings() {
    return listener.readings.stream().filter(r -> r.channel().equals("flowLpm")).toList();
  }

  private void start(Path dir) throws IOException {
    String yaml = builtIn("hydrotherapy").replace("/dev/ttyUSB0", dir.resolve("noHub").toString());
    DeviceProfile profile = DeviceProfiles.parse("hydrotherapy-test.yaml", yaml.getBytes(UTF_8));
    startNanos = MonotonicClock.SYSTEM.nanos();
    hardware = DeviceHardware.assemble(profile, ports, MonotonicClock.SYSTEM, listener);
    hardware.start();
  }

  private void drive(int pin, boolean high) {
    ports.drive(pin, high);
  }

  private static String builtIn(String kind) throws IOException {
    try (InputStream in =
        GpioOnPi4jMockIT.class.getClassLoader().getResourceAsStream("profiles/" + kind + ".yaml")) {
      return new String(in.readAllBytes(), UTF_8);
    }
  }
}
