package org.rehabtelemetry.hardware.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CConfig;

/**
 * How a profile's pins and buses become Pi4J configurations: a BCM pin number is the gpiod line
 * offset on the Pi's pin-control chip (Pi4J picks the chip whose label contains {@code pinctrl}:
 * {@code pinctrl-bcm2711} on a Pi 4, {@code pinctrl-rp1} on a Pi 5), an active-low contact gets the
 * pull-up, Pi4J's own debounce is off (ours runs on timestamps), and outputs start and end low.
 * Pure; the configurations name no provider, so the same ones serve the board and the mock.
 */
public final class Pi4jConfigs {
  private Pi4jConfigs() {}

  /** BCM pin {@code bcm} as an input with the pull resistor an open contact needs. */
  public static DigitalInputConfig input(Context context, int bcm, boolean activeLow) {
    return DigitalInput.newConfigBuilder(context)
        .id("gpio" + bcm)
        .name("gpio" + bcm)
        .address(bcm)
        .pull(activeLow ? PullResistance.PULL_UP : PullResistance.PULL_DOWN)
        .debounce(0L)
        .build();
  }

  /** BCM pin {@code bcm} as an output, low at start and at shutdown. */
  public static DigitalOutputConfig output(Context context, int bcm) {
    return DigitalOutput.newConfigBuilder(context)
        .id("gpio" + bcm)
        .name("gpio" + bcm)
        .address(bcm)
        .initial(DigitalState.LOW)
        .shutdown(DigitalState.LOW)
        .build();
  }

  /** The device at {@code address} on bus {@code bus} ({@code /dev/i2c-BUS}). */
  public static I2CConfig i2c(Context context, int bus, int address) {
    return I2C.newConfigBuilder(context)
        .id("i2c-" + bus + "-" + Integer.toHexString(address))
        .bus(bus)
        .device(address)
        .build();
  }
}
