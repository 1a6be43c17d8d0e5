package org.rehabtelemetry.hardware.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import org.rehabtelemetry.hardware.port.HardwareException;
import org.rehabtelemetry.hardware.port.RegisterBus;

/**
 * One I²C device through Pi4J 2.x. Every Pi4J failure (including its mock's "no data" state) is
 * turned into {@link HardwareException} naming the bus and address. Not thread-safe.
 */
public final class Pi4jRegisterBus implements RegisterBus {
  private final I2C device;
  private final String name;

  public Pi4jRegisterBus(Context context, int bus, int address) {
    this.name = "i2c-" + bus + "@0x" + Integer.toHexString(address);
    try {
      this.device = context.create(Pi4jConfigs.i2c(context, bus, address));
    } catch (RuntimeException e) {
      throw new HardwareException(name + " cannot be opened: " + e.getMessage(), e);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int readRegister(int register) {
    try {
      int value = device.readRegister(register);
      if (value < -128) {
        throw new HardwareException(name + ": reading register " + hex(register) + " failed");
      }
      return value & 0xFF;
    } catch (RuntimeException e) {
      throw failure("reading register " + hex(register), e);
    }
  }

  @Override
  public void readRegisters(int register, byte[] buffer, int offset, int length) {
    int read;
    try {
      read = device.readRegister(register, buffer, offset, length);
    } catch (RuntimeException e) {
      throw failure("reading " + length + " bytes at " + hex(register), e);
    }
    if (read != length) {
      throw new HardwareException(
          name + ": read " + read + " of " + length + " bytes at " + hex(register));
    }
  }

  @Override
  public void writeRegister(int register, int value) {
    try {
      device.writeRegister(register, (byte) value);
    } catch (RuntimeException e) {
      throw failure("writing register " + hex(register), e);
    }
  }

  private HardwareException failure(String what, RuntimeException e) {
    return e instanceof HardwareException h
        ? h
        : new HardwareException(name + ": " + what + " failed: " + e.getMessage(), e);
  }

  private static String hex(int register) {
    return "0x" + Integer.toHexString(register);
  }
}
