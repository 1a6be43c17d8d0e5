package org.rehabtelemetry.hardware.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import org.rehabtelemetry.hardware.port.HardwareException;
import org.rehabtelemetry.hardware.port.OutputLine;

/** A GPIO output through Pi4J 2.x, e.g. the buzzer. Thread-safe as Pi4J's outputs are. */
public final class Pi4jOutputLine implements OutputLine {
  private final DigitalOutput output;

  /**
   * Provisions BCM pin {@code bcm} as an output, low.
   *
   * @throws HardwareException naming the pin if the GPIO provider cannot create it
   */
  public Pi4jOutputLine(Context context, int bcm) {
    try {
      this.output = context.create(Pi4jConfigs.output(context, bcm));
    } catch (RuntimeException e) {
      throw new HardwareException(
          "GPIO " + bcm + " cannot be set up as an output: " + e.getMessage(), e);
    }
  }

  @Override
  public String name() {
    return output.id();
  }

  @Override
  public void set(boolean high) {
    try {
      if (high) {
        output.high();
      } else {
        output.low();
      }
    } catch (RuntimeException e) {
      throw new HardwareException(name() + ": setting the level failed: " + e.getMessage(), e);
    }
  }
}
