package org.rehabtelemetry.hardware.port;

/**
 * Register access to one I²C device at a fixed bus and address.
 *
 * <p>Not thread-safe: one driver thread owns it. Every failure, including a register the device
 * does not answer for, throws {@link HardwareException}.
 */
public interface RegisterBus {
  /** The device's name, for messages, e.g. {@code i2c-1@0x68}. */
  String name();

  /** Reads one register, 0–255. Blocks for the transfer (well under a millisecond at 400 kHz). */
  int readRegister(int register);

  /**
   * Reads {@code length} bytes starting at {@code register} in one burst transfer.
   *
   * @throws HardwareException if fewer bytes came back
   */
  void readRegisters(int register, byte[] buffer, int offset, int length);

  /** Writes one register. */
  void writeRegister(int register, int value);
}
