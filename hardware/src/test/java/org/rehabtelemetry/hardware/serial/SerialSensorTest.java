package org.rehabtelemetry.hardware.serial;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.hardware.RecordingListener;
import org.rehabtelemetry.hardware.fake.FakeSerialLink;
import org.rehabtelemetry.hardware.fault.FaultKind;
import org.rehabtelemetry.hardware.fault.SensorHealth;
import org.rehabtelemetry.hardware.hub.HubStreams;
import org.rehabtelemetry.hardware.hub.SensorHubDriver;
import org.rehabtelemetry.hardware.port.MonotonicClock;
import org.rehabtelemetry.runtime.health.Heartbeat;
import org.rehabtelemetry.runtime.retry.Backoff;

class SerialSensorTest {
  private final RecordingListener listener = new RecordingListener();
  private final FakeSerialLink link = new FakeSerialLink("/dev/ttyFAKE0");
  private final SensorHealth health =
      new SensorHealth("sensorHub", Duration.ofMillis(300).toNanos(), System.nanoTime(), listener);

  @Test
  void unplugAndReplug_reportsPortLost_thenReopensAndReadsAgain() {
    try (SerialSensor sensor = sensor()) {
      sensor.start();
      HubStreams hub = new HubStreams();
      link.feed(hub.loads(1000, 2000).take());
      await().atMost(Duration.ofSeconds(5)).until(() -> listener.values("loadLeftKg").size() == 1);

      link.unplug();
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> health.status().cause() == FaultKind.PORT_LOST);
      assertTrue(health.status().detail().startsWith("/dev/ttyFAKE0"), health.status().detail());

      link.replug();
      await().atMost(Duration.ofSeconds(5)).until(() -> !health.status().isFaulted());
      link.feed(hub.loads(3000, 4000).take());
      await().atMost(Duration.ofSeconds(5)).until(() -> listener.values("loadLeftKg").size() == 2);
      assertEquals(List.of(1.0, 3.0), listener.values("loadLeftKg"));
      assertTrue(link.opens() >= 2, "reopened");
    }
  }

  @Test
  void silentSensor_isReportedWithinTheTimeout() {
    try (SerialSensor sensor = sensor()) {
      sensor.start();
      await()
          .atMost(Duration.ofSeconds(3))
          .until(() -> health.status().cause() == FaultKind.SILENT);
    }
  }

  @Test
  void portMissingAtStart_isReported_andOpenedWhenItAppears() {
    link.unplug();
    try (SerialSensor sensor = sensor()) {
      sensor.start();
      await()
          .atMost(Duration.ofSeconds(3))
          .until(() -> health.status().cause() == FaultKind.PORT_LOST);
      link.replug();
      await().atMost(Duration.ofSeconds(5)).until(() -> link.isOpen());
    }
  }

  @Test
  void close_returnsPromptly_andClosesTheLink() {
    SerialSensor sensor = sensor();
    sensor.start();
    await().atMost(Duration.ofSeconds(3)).until(link::isOpen);
    long start = System.nanoTime();
    sensor.close();
    assertTrue(System.nanoTime() - start < 2_000_000_000L);
    assertTrue(!link.isOpen());
  }

  private SerialSensor sensor() {
    return new SerialSensor(
        "sensorHub",
        link,
        new SensorHubDriver(HubStreams.VERTICALIZER_CHANNELS, health, listener, 100_000_000L),
        health,
        MonotonicClock.SYSTEM,
        Duration.ofMillis(50),
        new Backoff(Duration.ofMillis(20), Duration.ofMillis(100), () -> 0.5),
        Heartbeat.NONE);
  }
}
