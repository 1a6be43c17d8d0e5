package org.rehabtelemetry.hardware.oximeter;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.hardware.RecordingListener;
import org.rehabtelemetry.hardware.fault.FaultKind;
import org.rehabtelemetry.hardware.fault.SensorHealth;

class NoninLineDriverTest {
  private final RecordingListener listener = new RecordingListener();
  private final SensorHealth health = new SensorHealth("oximeter", 3_000_000_000L, 0, listener);
  private final NoninLineDriver driver =
      new NoninLineDriver(
          new OximeterChannels(
              new OximeterChannels.Channel("spo2", 50, 100),
              new OximeterChannels.Channel("heartRate", 30, 250)),
          health,
          listener);

  @Test
  void lines_giveSpo2AndHeartRate() {
    feed("SPO2=097 HR=072\r\nSPO2=096 HR=075\n", 1);
    assertEquals(List.of(97.0, 96.0), listener.values("spo2"));
    assertEquals(List.of(72.0, 75.0), listener.values("heartRate"));
  }

  @Test
  void lineSplitAcrossReads_isJoined() {
    feed("SPO2=0", 1);
    feed("98 HR=0", 2);
    feed("80\r", 3);
    assertEquals(List.of(98.0), listener.values("spo2"));
  }

  @Test
  void probeOff_raisesSensorReported_untilAValidLine() {
    feed("SPO2=--- HR=---\r\n", 1);
    assertEquals(FaultKind.SENSOR_REPORTED, health.status().cause());
    assertTrue(listener.readings.isEmpty());
    feed("SPO2=097 HR=072\r\n", 2);
    assertFalse(health.status().isFaulted());
  }

  @Test
  void garbageAndOverlongLines_areCountedAndSkipped() {
    feed("\u0001\u00ffnoise\r\n" + "X".repeat(200) + "\r\nSPO2=095 HR=090\r\n", 1);
    assertEquals(List.of(95.0), listener.values("spo2"));
    assertEquals(2, health.status().count(FaultKind.BAD_PAYLOAD));
  }

  @Test
  void valueOutsidePhysicalRange_isReported() {
    feed("SPO2=100 HR=999\r\n", 1);
    assertEquals(List.of(100.0), listener.values("spo2"));
    assertEquals(List.of(), listener.values("heartRate"));
    assertEquals(FaultKind.OUT_OF_RANGE, health.status().cause());
  }

  @Test
  void twoLinesInOneRead_getStrictlyIncreasingTimes() {
    feed("SPO2=097 HR=072\r\nSPO2=097 HR=073\r\n", 5);
    List<Long> times =
        listener.readings.stream()
            .filter(r -> r.channel().equals("spo2"))
            .map(r -> r.nanos())
            .toList();
    assertTrue(times.get(1) > times.get(0), times.toString());
  }

  private void feed(String text, long nanos) {
    byte[] bytes = text.getBytes(US_ASCII);
    driver.accept(bytes, 0, bytes.length, nanos);
  }
}
