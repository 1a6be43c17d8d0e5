package org.rehabtelemetry.hardware.pi4j;

import com.pi4j.context.Context;
import org.rehabtelemetry.hardware.jssc.JsscSerialLink;
import org.rehabtelemetry.hardware.port.DigitalLine;
import org.rehabtelemetry.hardware.port.OutputLine;
import org.rehabtelemetry.hardware.port.PortFactory;
import org.rehabtelemetry.hardware.port.RegisterBus;
import org.rehabtelemetry.hardware.port.SerialLink;

/**
 * Real ports: serial through jssc, GPIO and I²C through a Pi4J context (the board's, from {@link
 * Pi4jContexts#board()}, or the mock platform's in the simulator and tests). Thread-safe as far as
 * Pi4J is.
 */
public final class BoardPorts implements PortFactory {
  private final Context context;

  public BoardPorts(Context context) {
    this.context = context;
  }

  @Override
  public SerialLink serial(String port, int baud) {
    return new JsscSerialLink(port, baud);
  }

  @Override
  public DigitalLine input(int pin, boolean activeLow) {
    return new Pi4jDigitalLine(context, pin, activeLow);
  }

  @Override
  public OutputLine output(int pin) {
    return new Pi4jOutputLine(context, pin);
  }

  @Override
  public RegisterBus i2c(int bus, int address) {
    return new Pi4jRegisterBus(context, bus, address);
  }
}
