package org.rehabtelemetry.hardware.port;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * What every {@link RegisterBus} must do; run against the fake register map and against Pi4J's mock
 * I²C. The mock keeps a queue per register rather than a register map, so the contract only states
 * what both models agree on, which is what drivers may rely on.
 */
public abstract class RegisterBusContract {
  protected abstract RegisterBus createBus();

  /** The device answers {@code values} for a (burst) read starting at {@code register}. */
  protected abstract void deviceAnswers(int register, byte... values);

  @Test
  void readRegister_returnsWhatTheDeviceHolds_unsigned() {
    RegisterBus bus = createBus();
    deviceAnswers(0x75, (byte) 0xE8);
    assertEquals(0xE8, bus.readRegister(0x75));
  }

  @Test
  void burstRead_returnsTheDevicesBytesInOrder() {
    RegisterBus bus = createBus();
    byte[] accel = {0x40, 0x00, (byte) 0xFF, (byte) 0x9C, 0x00, 0x10};
    deviceAnswers(0x3B, accel);
    byte[] read = new byte[8];
    bus.readRegisters(0x3B, read, 1, 6);
    assertArrayEquals(accel, java.util.Arrays.copyOfRange(read, 1, 7));
  }

  @Test
  void writeThenRead_returnsTheWrittenValue() {
    RegisterBus bus = createBus();
    bus.writeRegister(0x6B, 0x01);
    assertEquals(0x01, bus.readRegister(0x6B));
  }

  @Test
  void registerTheDeviceDoesNotAnswer_throwsHardwareExceptionNamingTheDevice() {
    RegisterBus bus = createBus();
    HardwareException e = assertThrows(HardwareException.class, () -> bus.readRegister(0x42));
    assertTrue(e.getMessage().contains(bus.name()), e.getMessage());
  }
}
