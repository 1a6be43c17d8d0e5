package org.rehabtelemetry.simulator.replay;

import java.io.IOException;

/**
 * The sensor's end of a simulated serial port: what the simulator writes arrives at the agent's
 * driver. Implementations: {@link PtySerialFeed} (socat pseudo-terminals, read by the agent through
 * jssc) and {@link InMemorySerialFeed} (an in-memory link, for the zero-install demo). Used by one
 * replay thread.
 */
public interface SerialFeed extends AutoCloseable {
  /** A name for messages, e.g. {@code sensorHub}. */
  String name();

  /** The path or name the agent opens as its port. */
  String devicePort();

  /** Writes bytes to the agent. Blocks while the port's buffer is full. */
  void write(byte[] bytes) throws IOException;

  /** The port disappears, as an unplugged USB adapter does. */
  void unplug() throws IOException;

  /** The port comes back at the same name. */
  void replug() throws IOException;

  @Override
  void close();
}
