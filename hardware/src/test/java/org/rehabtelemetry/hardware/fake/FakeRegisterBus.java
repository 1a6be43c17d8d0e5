package org.rehabtelemetry.hardware.fake;

import java.util.HashMap;
import java.util.Map;
import org.rehabtelemetry.hardware.port.HardwareException;
import org.rehabtelemetry.hardware.port.RegisterBus;

/**
 * An I²C device as a register map: burst reads and writes cover consecutive registers, as on real
 * chips. Reading a register that was never set fails like an absent device. {@link #failTransfers}
 * makes every transfer fail, as a loose wire would. Thread-safe.
 */
public final class FakeRegisterBus implements RegisterBus {
  private final String name;
  private final Map<Integer, Integer> registers = new HashMap<>();
  private volatile boolean failing;

  public FakeRegisterBus(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  /** Sets a register as the device would. */
  public synchronized void set(int register, int value) {
    registers.put(register, value & 0xFF);
  }

  /** The value last written to a register, or -1. */
  public synchronized int get(int register) {
    return registers.getOrDefault(register, -1);
  }

  public void failTransfers(boolean fail) {
    failing = fail;
  }

  @Override
  public synchronized int readRegister(int register) {
    check();
    Integer value = registers.get(register);
    if (value == null) {
      throw new HardwareException(
          name + ": no answer for register 0x" + Integer.toHexString(register));
    }
    return value;
  }

  @Override
  public synchronized void readRegisters(int register, byte[] buffer, int offset, int length) {
    for (int i = 0; i < length; i++) {
      buffer[offset + i] = (byte) readRegister(register + i);
    }
  }

  @Override
  public synchronized void writeRegister(int register, int value) {
    check();
    registers.put(register, value & 0xFF);
  }

  private void check() {
    if (failing) {
      throw new HardwareException(name + ": transfer failed (no ACK)");
    }
  }
}
