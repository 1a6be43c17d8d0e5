package org.rehabtelemetry.hardware.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import org.rehabtelemetry.hardware.port.DigitalLine;

/**
 * A GPIO input through Pi4J 2.x. Debouncing is ours ({@code gpio.DebouncedInput}), so Pi4J's is set
 * to zero. Listeners run on Pi4J's event thread (or, with the mock plugin, on the thread that calls
 * {@code mockState}). Thread-safe.
 */
public final class Pi4jDigitalLine implements DigitalLine {
  private final DigitalInput input;

  /**
   * Provisions BCM pin {@code bcm} as an input.
   *
   * @param pull the pull resistor: UP for a contact to ground (active low), DOWN for one to 3V3
   */
  public Pi4jDigitalLine(Context context, int bcm, PullResistance pull) {
    this.input =
        context.create(
            DigitalInput.newConfigBuilder(context)
                .id("gpio" + bcm)
                .name("gpio" + bcm)
                .address(bcm)
                .pull(pull)
                .debounce(0L)
                .build());
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
