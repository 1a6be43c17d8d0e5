package org.rehabtelemetry.hardware.port;

/**
 * Makes the ports a profile's wiring names. {@code pi4j.BoardPorts} makes real ones (jssc, Pi4J's
 * gpiod and linuxfs providers); the test fixtures' {@code FakePorts} make in-memory ones; the
 * simulator uses jssc on ptys (or in-memory links) and Pi4J's mock platform.
 */
public interface PortFactory {
  /** A serial link, not yet opened. */
  SerialLink serial(String port, int baud);

  /** An input line on BCM pin {@code pin}; a pull-up when {@code activeLow}, else a pull-down. */
  DigitalLine input(int pin, boolean activeLow);

  /** An output line on BCM pin {@code pin}, driven low until set. */
  OutputLine output(int pin);

  /** The device at {@code address} on I²C bus {@code bus}. */
  RegisterBus i2c(int bus, int address);
}
