package org.rehabtelemetry.hardware.hub;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rehabtelemetry.hardware.RecordingListener;
import org.rehabtelemetry.hardware.fault.FaultKind;
import org.rehabtelemetry.hardware.fault.SensorHealth;
import org.rehabtelemetry.hardware.jssc.JsscSerialLink;
import org.rehabtelemetry.hardware.port.MonotonicClock;
import org.rehabtelemetry.hardware.serial.SerialSensor;
import org.rehabtelemetry.runtime.health.Heartbeat;
import org.rehabtelemetry.runtime.retry.Backoff;
import org.rehabtelemetry.testsupport.SocatPtyExtension;

/** A recorded hub stream through a real pty into jssc and the sensor-hub driver. */
class SensorHubOverPtyIT {
  @RegisterExtension final SocatPtyExtension pty = new SocatPtyExtension();
  private final RecordingListener listener = new RecordingListener();
  private final SensorHealth health =
      new SensorHealth("sensorHub", Duration.ofSeconds(1).toNanos(), System.nanoTime(), listener);

  @Test
  void recordedStream_givesExactlyTheExpectedValues_andCountsItsDamage() throws Exception {
    byte[] recording = resource("recorded/verticalizer-hub.bin");
    List<String> expected = expectedReadings();
    try (SerialSensor sensor = sensor();
        OutputStream hub = Files.newOutputStream(pty.server().peerEnd())) {
      sensor.start();
      await().atMost(Duration.ofSeconds(5)).until(sensor::isOpen);
      for (int at = 0; at < recording.length; at += 64) {
        hub.write(recording, at, Math.min(64, recording.length - at));
        hub.flush();
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> listener.readings.size() >= expected.size());
    }
    List<String> actual = new ArrayList<>();
    listener.readings.forEach(r -> actual.add(r.channel() + "," + r.value()));
    assertEquals(expected, actual);
    assertEquals(1, health.status().count(FaultKind.BAD_CRC));
    assertEquals(2, health.status().count(FaultKind.LOST_FRAMES), "frame 17 (corrupt) and 29");
    assertTrue(health.status().count(FaultKind.GARBAGE_BYTES) >= 8);
  }

  @Test
  void unpluggedPty_isReportedLost_andReopenedWhenItComesBack() throws Exception {
    HubStreams frames = new HubStreams();
    try (SerialSensor sensor = sensor()) {
      sensor.start();
      await().atMost(Duration.ofSeconds(5)).until(sensor::isOpen);
      send(frames.loads(1000, 2000).take());
      await().atMost(Duration.ofSeconds(5)).until(() -> listener.values("loadLeftKg").size() == 1);

      pty.server().stop();
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> health.status().cause() == FaultKind.PORT_LOST);

      pty.server().start();
      await().atMost(Duration.ofSeconds(10)).until(() -> !health.status().isFaulted());
      await().atMost(Duration.ofSeconds(5)).until(sensor::isOpen);
      send(frames.loads(3000, 4000).take());
      await().atMost(Duration.ofSeconds(5)).until(() -> listener.values("loadLeftKg").size() == 2);
      assertEquals(List.of(1.0, 3.0), listener.values("loadLeftKg"));
    }
  }

  private SerialSensor sensor() {
    return new SerialSensor(
        "sensorHub",
        new JsscSerialLink(pty.server().deviceEnd().toString(), 115200),
        new SensorHubDriver(HubStreams.VERTICALIZER_CHANNELS, health, listener, 100_000_000L),
        health,
        MonotonicClock.SYSTEM,
        Duration.ofMillis(50),
        new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), Math::random),
        Heartbeat.NONE);
  }

  private void send(byte[] bytes) throws IOException {
    try (OutputStream hub = Files.newOutputStream(pty.server().peerEnd())) {
      hub.write(bytes);
      hub.flush();
    }
  }

  private static List<String> expectedReadings() throws IOException {
    List<String> lines =
        new ArrayList<>(
            List.of(
                new String(resource("recorded/verticalizer-hub.expected.csv"), UTF_8).split("\n")));
    lines.remove(0);
    return lines;
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = SensorHubOverPtyIT.class.getClassLoader().getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }
}
