package org.rehabtelemetry.hardware.pi4j;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;

/**
 * The Pi4J context of the real board, built explicitly: digital input and output through the gpiod
 * plugin (the kernel's character device {@code /dev/gpiochipN}, Pi 4 and Pi 5, no root) and I²C
 * through the linuxfs plugin ({@code /dev/i2c-N}). No auto-detection: Pi4J would otherwise pick any
 * provider found on the classpath (off a Pi, the mock plugin, whose inputs read "low" — a pressed
 * e-stop — without any hardware). The mock platform is the simulator's and the tests'.
 */
public final class Pi4jContexts {
  /** The provider ids the board context uses, for checks and the hardware report. */
  public static final String DIGITAL_INPUT = "gpiod-digital-input";

  public static final String DIGITAL_OUTPUT = "gpiod-digital-output";
  public static final String I2C = "linuxfs-i2c";

  private Pi4jContexts() {}

  /**
   * The context of the board the agent runs on. Building it does not touch the hardware; creating a
   * line or an I²C device does, and fails there off a Pi (see {@link BoardCheck}).
   */
  public static Context board() {
    return Pi4J.newContextBuilder()
        .add(
            GpioDDigitalInputProvider.newInstance(),
            GpioDDigitalOutputProvider.newInstance(),
            LinuxFsI2CProvider.newInstance())
        .build();
  }
}
