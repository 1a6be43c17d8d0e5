package org.rehabtelemetry.hardware.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import org.rehabtelemetry.hardware.port.DigitalLine;
import org.rehabtelemetry.hardware.port.HardwareException;

/**
 * A GPIO input through Pi4J 2.x. Debouncing is ours ({@code gpio.DebouncedInput}), so Pi4J's is set
 * to zero. Listeners run on Pi4J's event thread (or, with the mock plugin, on the thread that calls
 * {@code mockState}). Thread-safe.
 */
public final class Pi4jDigitalLine implements DigitalLine {
  private final DigitalInput input;

  /**
   * Provisions BCM pin {@code bcm} as an input: a pull-up for a contact to ground (active low), a
   * pull-down for one to 3V3.
   *
   * @throws HardwareException naming the pin if the GPIO provider cannot create it
   */
  public Pi4jDigitalLine(Context context, int bcm, boolean activeLow) {
    try {
      this.input = context.create(Pi4jConfigs.input(context, bcm, activeLow));
    } catch (RuntimeException e) {
      throw new HardwareException(
          "GPIO " + bcm + " cannot be set up as an input: " + e.getMessage(), e);
    }
  }

  @Override
  public String name() {
    return input.id();
  }

  @Override
  public boolean isHigh() {
    return input.state() == DigitalState.HIGH;
  }

  @Override
  public void onChange(EdgeListener listener) {
    input.addListener(event -> listener.levelChanged(event.state() == DigitalState.HIGH));
  }
}
