package org.rehabtelemetry.hardware.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pi4j.context.Context;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.hardware.RecordingListener;
import org.rehabtelemetry.hardware.fault.SensorHealth;
import org.rehabtelemetry.hardware.i2c.Mpu6050TiltDriver;
import org.rehabtelemetry.hardware.port.RegisterBus;

/** The MPU6050 driver through Pi4J's I²C API, on the mock I²C provider. */
class Mpu6050OnPi4jMockTest {
  private final Context context = MockPi4j.context();

  @AfterEach
  void shutdown() {
    context.shutdown();
  }

  @Test
  void standingTable_readsNinetyDegreesThroughPi4j() {
    MockBoardPorts ports = new MockBoardPorts(context);
    RegisterBus bus = ports.i2c(1, 0x68);
    RecordingListener listener = new RecordingListener();
    Mpu6050TiltDriver driver =
        new Mpu6050TiltDriver(
            bus, "tiltDeg", -5, 95, new SensorHealth("tilt", 500_000_000L, 0, listener), listener);
    ports.answer(1, 0x68, 0x75, (byte) 0x68);
    ports.answer(1, 0x68, 0x3B, (byte) 0x40, (byte) 0x00, (byte) 0, (byte) 0, (byte) 0, (byte) 0);
    ports.answer(
        1, 0x68, 0x3B, (byte) 0x2D, (byte) 0x41, (byte) 0, (byte) 0, (byte) 0x2D, (byte) 0x41);
    driver.poll(1);
    driver.poll(2);
    assertEquals(2, listener.readings.size());
    assertEquals(90.0, listener.readings.get(0).value(), 1e-9);
    assertEquals(45.0, listener.readings.get(1).value(), 1e-9);
  }
}
