package org.rehabtelemetry.hardware.i2c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rehabtelemetry.hardware.RecordingListener;
import org.rehabtelemetry.hardware.fake.FakeRegisterBus;
import org.rehabtelemetry.hardware.fault.FaultKind;
import org.rehabtelemetry.hardware.fault.SensorHealth;

class Mpu6050TiltDriverTest {
  private final FakeRegisterBus bus = new FakeRegisterBus("i2c-1@0x68");
  private final RecordingListener listener = new RecordingListener();
  private final SensorHealth health = new SensorHealth("tilt", 500_000_000L, 0, listener);
  private final Mpu6050TiltDriver driver =
      new Mpu6050TiltDriver(bus, "tiltDeg", -5, 95, health, listener);

  @Test
  void lyingFlat_isZero_standing_isNinety_halfway_isFortyFive() {
    bus.set(Mpu6050TiltDriver.WHO_AM_I, 0x68);
    setAccel(0, 0, 16384);
    driver.poll(1);
    setAccel(16384, 0, 0);
    driver.poll(2);
    setAccel(11585, 0, 11585);
    driver.poll(3);
    assertEquals(0.0, listener.values("tiltDeg").get(0), 1e-9);
    assertEquals(90.0, listener.values("tiltDeg").get(1), 1e-9);
    assertEquals(45.0, listener.values("tiltDeg").get(2), 1e-9);
    assertEquals(0x00, bus.get(Mpu6050TiltDriver.PWR_MGMT_1), "woken from sleep");
  }

  @Test
  void wrongChip_isReported() {
    bus.set(Mpu6050TiltDriver.WHO_AM_I, 0x12);
    driver.poll(1);
    assertEquals(FaultKind.SENSOR_REPORTED, health.status().cause());
    assertEquals("i2c-1@0x68 answers WHO_AM_I 0x12, not an MPU6050", health.status().detail());
  }

  @Test
  void failingTransfers_areCounted_andTheSensorTurnsSilent() {
    bus.set(Mpu6050TiltDriver.WHO_AM_I, 0x68);
    setAccel(0, 0, 16384);
    driver.poll(1);
    bus.failTransfers(true);
    driver.poll(100_000_000L);
    driver.poll(700_000_000L);
    assertEquals(2, health.status().count(FaultKind.BUS_ERROR));
    assertEquals(FaultKind.SILENT, health.status().cause());
    bus.failTransfers(false);
    driver.poll(800_000_000L);
    assertTrue(!health.status().isFaulted());
  }

  @Test
  void upsideDown_isOutOfRange() {
    bus.set(Mpu6050TiltDriver.WHO_AM_I, 0x68);
    setAccel(0, 0, -16384);
    driver.poll(1);
    assertEquals(FaultKind.OUT_OF_RANGE, health.status().cause());
  }

  private void setAccel(int x, int y, int z) {
    int[] values = {x, y, z};
    for (int i = 0; i < 3; i++) {
      bus.set(Mpu6050TiltDriver.ACCEL_XOUT_H + 2 * i, values[i] >> 8);
      bus.set(Mpu6050TiltDriver.ACCEL_XOUT_H + 2 * i + 1, values[i]);
    }
  }
}
