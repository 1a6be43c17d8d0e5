package org.rehabtelemetry.hardware.pi4j;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProvider;

/** Builds Pi4J contexts: the real board's, or the mock one the simulator and tests drive. */
public final class Pi4jContexts {
  private Pi4jContexts() {}

  /** The context of the board the agent runs on, with the plugins found on the classpath. */
  public static Context board() {
    return Pi4J.newAutoContext();
  }

  /**
   * A context with Pi4J's mock platform and mock GPIO input and I²C providers: no hardware, inputs
   * toggled with {@code MockDigitalInput.mockState}, registers held in memory.
   */
  public static Context mock() {
    return Pi4J.newContextBuilder()
        .add(new MockPlatform())
        .add(MockDigitalInputProvider.newInstance(), MockI2CProvider.newInstance())
        .build();
  }
}
