package org.rehabtelemetry.hardware.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.i2c.I2C;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import org.rehabtelemetry.hardware.port.DigitalLine;
import org.rehabtelemetry.hardware.port.OutputLine;
import org.rehabtelemetry.hardware.port.PortFactory;
import org.rehabtelemetry.hardware.port.RegisterBus;
import org.rehabtelemetry.hardware.port.SerialLink;

/**
 * Board ports on Pi4J's mock platform, for the simulator and tests: the real adapters, plus a way
 * to play the world outside the board. Inputs start at the level their pull resistor gives an open
 * contact (high for active-low, as on a real board), because the mock starts every input low, which
 * would read as a pressed e-stop.
 *
 * <p>Thread-safe as far as Pi4J's mock is; {@link #drive} fires listeners on the calling thread.
 */
public final class MockBoardPorts implements PortFactory {
  private final Context context;
  private final BoardPorts board;

  /**
   * @param context a context from {@link MockPi4j#context()}
   */
  public MockBoardPorts(Context context) {
    this.context = context;
    this.board = new BoardPorts(context);
  }

  @Override
  public SerialLink serial(String port, int baud) {
    return board.serial(port, baud);
  }

  @Override
  public DigitalLine input(int pin, boolean activeLow) {
    DigitalLine line = board.input(pin, activeLow);
    drive(pin, activeLow);
    return line;
  }

  @Override
  public OutputLine output(int pin) {
    return board.output(pin);
  }

  /** Whether the provisioned output on {@code pin} is high now. */
  public boolean outputHigh(int pin) {
    return context
        .registry()
        .get("gpio" + pin, com.pi4j.io.gpio.digital.DigitalOutput.class)
        .state()
        .isHigh();
  }

  @Override
  public RegisterBus i2c(int bus, int address) {
    return board.i2c(bus, address);
  }

  /** Sets the electrical level of a provisioned input, as a button or sensor would. */
  public void drive(int pin, boolean high) {
    MockDigitalInput input =
        (MockDigitalInput) context.registry().get("gpio" + pin, DigitalInput.class);
    input.mockState(high ? DigitalState.HIGH : DigitalState.LOW);
  }

  /** Queues bytes the mock I²C device answers for the next reads of {@code register}. */
  public void answer(int bus, int address, int register, byte... values) {
    MockI2C device =
        (MockI2C)
            context.registry().get("i2c-" + bus + "-" + Integer.toHexString(address), I2C.class);
    device.writeRegister(register, values, 0, values.length);
  }
}
