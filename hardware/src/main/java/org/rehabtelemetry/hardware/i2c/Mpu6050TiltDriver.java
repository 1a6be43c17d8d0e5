package org.rehabtelemetry.hardware.i2c;

import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.hardware.ReadingSink;
import org.rehabtelemetry.hardware.fault.FaultKind;
import org.rehabtelemetry.hardware.fault.SensorHealth;
import org.rehabtelemetry.hardware.poll.Polled;
import org.rehabtelemetry.hardware.port.HardwareException;
import org.rehabtelemetry.hardware.port.RegisterBus;

/**
 * Tilt from an MPU6050 accelerometer on I²C (address 0x68 or 0x69).
 *
 * <p>Mounted on the tilting table with its X axis toward the head end and Z axis up when lying:
 * lying gives gravity on Z (0°), standing gives gravity on X (90°), so tilt = atan2(aX, aZ) in
 * degrees. Each poll reads the three acceleration registers in one burst. A failed transfer is
 * counted as a bus error; the sensor turns silent (a condition) if transfers keep failing. A tilt
 * outside the physical range raises {@code OUT_OF_RANGE}. Not thread-safe: one poller calls it.
 */
public final class Mpu6050TiltDriver implements Polled {
  static final int WHO_AM_I = 0x75;
  static final int PWR_MGMT_1 = 0x6B;
  static final int ACCEL_CONFIG = 0x1C;
  static final int ACCEL_XOUT_H = 0x3B;
  static final int EXPECTED_WHO_AM_I = 0x68;

  private final RegisterBus bus;
  private final String channel;
  private final double min;
  private final double max;
  private final SensorHealth health;
  private final ReadingSink sink;
  private final byte[] burst = new byte[6];
  private boolean initialised;
  private long lastNanos = Long.MIN_VALUE;

  public Mpu6050TiltDriver(
      RegisterBus bus,
      String channel,
      double min,
      double max,
      SensorHealth health,
      ReadingSink sink) {
    this.bus = bus;
    this.channel = channel;
    this.min = min;
    this.max = max;
    this.health = health;
    this.sink = sink;
  }

  /** Checks the chip id and wakes it at ±2 g. Retried by {@link #poll} until it succeeds. */
  public void initialise() {
    int id = bus.readRegister(WHO_AM_I) & 0xFF;
    if (id != EXPECTED_WHO_AM_I) {
      health.raise(
          FaultKind.SENSOR_REPORTED,
          "whoAmI",
          bus.name() + " answers WHO_AM_I 0x" + Integer.toHexString(id) + ", not an MPU6050");
      return;
    }
    health.clear(FaultKind.SENSOR_REPORTED, "whoAmI");
    bus.writeRegister(PWR_MGMT_1, 0x00);
    bus.writeRegister(ACCEL_CONFIG, 0x00);
    initialised = true;
  }

  @Override
  public void poll(long nanos) {
    try {
      if (!initialised) {
        initialise();
        if (!initialised) {
          return;
        }
      }
      bus.readRegisters(ACCEL_XOUT_H, burst, 0, burst.length);
    } catch (HardwareException e) {
      health.count(FaultKind.BUS_ERROR, 1);
      health.checkSilence(nanos);
      return;
    }
    double ax = (short) ((burst[0] << 8) | (burst[1] & 0xFF));
    double az = (short) ((burst[4] << 8) | (burst[5] & 0xFF));
    double tilt = Math.toDegrees(Math.atan2(ax, az));
    if (!health.checkRange(channel, tilt, min, max)) {
      return;
    }
    long time = lastNanos == Long.MIN_VALUE ? nanos : Math.max(nanos, lastNanos + 1000);
    lastNanos = time;
    health.dataReceived(nanos);
    sink.accept(new Reading(channel, tilt, time));
  }
}
