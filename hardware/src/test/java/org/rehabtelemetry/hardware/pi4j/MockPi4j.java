package org.rehabtelemetry.hardware.pi4j;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProvider;

/**
 * A Pi4J context on the mock platform, for the simulator and tests: no hardware, inputs toggled
 * with {@code MockDigitalInput.mockState}, outputs recorded, I²C registers held in memory. Part of
 * the hardware test fixtures, never of the agent's package.
 */
public final class MockPi4j {
  private MockPi4j() {}

  public static Context context() {
    return Pi4J.newContextBuilder()
        .add(new MockPlatform())
        .add(
            MockDigitalInputProvider.newInstance(),
            MockDigitalOutputProvider.newInstance(),
            MockI2CProvider.newInstance())
        .build();
  }
}
