package org.rehabtelemetry.simulator.replay;

import java.util.Map;
import org.rehabtelemetry.hardware.pi4j.MockBoardPorts;
import org.rehabtelemetry.hardware.port.DigitalLine;
import org.rehabtelemetry.hardware.port.OutputLine;
import org.rehabtelemetry.hardware.port.PortFactory;
import org.rehabtelemetry.hardware.port.RegisterBus;
import org.rehabtelemetry.hardware.port.SerialLink;

/**
 * The board a simulated agent runs on: GPIO and I²C on Pi4J's mock platform, serial ports either
 * real (jssc, on socat ptys) or in memory. The agent's drivers are the production ones.
 */
final class SimulatedPorts implements PortFactory {
  private final MockBoardPorts board;
  private final Map<String, InMemorySerialFeed> inMemory;

  /**
   * @param inMemory in-memory ports by the name the profile gives them; other names open with jssc
   */
  SimulatedPorts(MockBoardPorts board, Map<String, InMemorySerialFeed> inMemory) {
    this.board = board;
    this.inMemory = Map.copyOf(inMemory);
  }

  MockBoardPorts board() {
    return board;
  }

  @Override
  public SerialLink serial(String port, int baud) {
    InMemorySerialFeed feed = inMemory.get(port);
    return feed != null ? feed.link() : board.serial(port, baud);
  }

  @Override
  public DigitalLine input(int pin, boolean activeLow) {
    return board.input(pin, activeLow);
  }

  @Override
  public OutputLine output(int pin) {
    return board.output(pin);
  }

  @Override
  public RegisterBus i2c(int bus, int address) {
    return board.i2c(bus, address);
  }
}
