package org.rehabtelemetry.hardware.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.IOType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rehabtelemetry.hardware.port.DigitalLine;
import org.rehabtelemetry.hardware.port.OutputLine;
import org.rehabtelemetry.hardware.port.PortFactory;
import org.rehabtelemetry.hardware.port.RegisterBus;
import org.rehabtelemetry.hardware.port.SerialLink;

/**
 * The real board as the agent sees it: its ports (serial through jssc, GPIO through gpiod, I²C
 * through linuxfs; {@link Pi4jContexts#board()}) and the Pi4J context behind them, shut down by
 * {@link #close()}. Keeps Pi4J inside this adapter package. Opening does not touch the hardware;
 * creating a line does. Thread-safe as far as Pi4J is.
 */
public final class Board implements PortFactory, AutoCloseable {
  private final Context context;
  private final BoardPorts ports;

  private Board(Context context) {
    this.context = context;
    this.ports = new BoardPorts(context);
  }

  /** Builds the board's Pi4J context (gpiod, linuxfs; no auto-detection). */
  public static Board open() {
    return new Board(Pi4jContexts.board());
  }

  /** The provider in use for digital input, digital output and I²C, by role, for a report. */
  public Map<String, String> providers() {
    Map<String, String> providers = new LinkedHashMap<>();
    providers.put("digital input", context.providers().get(IOType.DIGITAL_INPUT).id());
    providers.put("digital output", context.providers().get(IOType.DIGITAL_OUTPUT).id());
    providers.put("i2c", context.providers().get(IOType.I2C).id());
    return providers;
  }

  @Override
  public SerialLink serial(String port, int baud) {
    return ports.serial(port, baud);
  }

  @Override
  public DigitalLine input(int pin, boolean activeLow) {
    return ports.input(pin, activeLow);
  }

  @Override
  public OutputLine output(int pin) {
    return ports.output(pin);
  }

  @Override
  public RegisterBus i2c(int bus, int address) {
    return ports.i2c(bus, address);
  }

  /** Shuts the Pi4J context down, releasing every line. */
  @Override
  public void close() {
    context.shutdown();
  }
}
