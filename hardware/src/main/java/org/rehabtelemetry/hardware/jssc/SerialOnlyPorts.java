package org.rehabtelemetry.hardware.jssc;

import org.rehabtelemetry.hardware.port.DigitalLine;
import org.rehabtelemetry.hardware.port.OutputLine;
import org.rehabtelemetry.hardware.port.PortFactory;
import org.rehabtelemetry.hardware.port.RegisterBus;
import org.rehabtelemetry.hardware.port.SerialLink;

/**
 * The ports of a device whose profile wires serial sensors only: jssc, and no GPIO or I²C (so no
 * Pi4J context is built). Asking for a pin or a bus is a programming error: the profile said it
 * needs none. Stateless.
 */
public final class SerialOnlyPorts implements PortFactory {
  @Override
  public SerialLink serial(String port, int baud) {
    return new JsscSerialLink(port, baud);
  }

  @Override
  public DigitalLine input(int pin, boolean activeLow) {
    throw new IllegalStateException("a serial-only profile asked for GPIO " + pin);
  }

  @Override
  public OutputLine output(int pin) {
    throw new IllegalStateException("a serial-only profile asked for GPIO output " + pin);
  }

  @Override
  public RegisterBus i2c(int bus, int address) {
    throw new IllegalStateException("a serial-only profile asked for I2C bus " + bus);
  }
}
