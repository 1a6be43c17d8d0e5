package org.rehabtelemetry.hardware.fake;

import java.util.HashMap;
import java.util.Map;
import org.rehabtelemetry.hardware.port.DigitalLine;
import org.rehabtelemetry.hardware.port.OutputLine;
import org.rehabtelemetry.hardware.port.PortFactory;
import org.rehabtelemetry.hardware.port.RegisterBus;
import org.rehabtelemetry.hardware.port.SerialLink;

/** Makes fake ports and keeps them, so a test can drive what the drivers read. Thread-safe. */
public final class FakePorts implements PortFactory {
  private final Map<String, FakeSerialLink> serial = new HashMap<>();
  private final Map<Integer, FakeDigitalLine> lines = new HashMap<>();
  private final Map<String, FakeRegisterBus> buses = new HashMap<>();
  private final Map<Integer, FakeOutputLine> outputs = new HashMap<>();

  @Override
  public synchronized SerialLink serial(String port, int baud) {
    return serial.computeIfAbsent(port, FakeSerialLink::new);
  }

  @Override
  public synchronized DigitalLine input(int pin, boolean activeLow) {
    return lines.computeIfAbsent(pin, p -> new FakeDigitalLine("gpio" + p, activeLow));
  }

  @Override
  public synchronized OutputLine output(int pin) {
    return outputs.computeIfAbsent(pin, p -> new FakeOutputLine("gpio" + p, System::nanoTime));
  }

  public synchronized FakeOutputLine outputLine(int pin) {
    return outputs.get(pin);
  }

  @Override
  public synchronized RegisterBus i2c(int bus, int address) {
    String name = "i2c-" + bus + "@0x" + Integer.toHexString(address);
    return buses.computeIfAbsent(name, FakeRegisterBus::new);
  }

  public synchronized FakeSerialLink serialPort(String port) {
    return serial.get(port);
  }

  public synchronized FakeDigitalLine line(int pin) {
    return lines.get(pin);
  }

  public synchronized FakeRegisterBus bus(int bus, int address) {
    return buses.get("i2c-" + bus + "@0x" + Integer.toHexString(address));
  }
}
