package org.rehabtelemetry.simulator.replay;

import org.rehabtelemetry.hardware.fake.FakeSerialLink;

/**
 * A serial port kept in memory: the agent's driver reads a {@link FakeSerialLink} the simulator
 * feeds. The same drivers run as on a real port; only the jssc adapter is left out. The demo uses
 * it so that nothing (socat) has to be installed.
 */
public final class InMemorySerialFeed implements SerialFeed {
  private final String name;
  private final FakeSerialLink link;

  public InMemorySerialFeed(String name, String portName) {
    this.name = name;
    this.link = new FakeSerialLink(portName);
  }

  /** The link to hand to the agent as its port. */
  public FakeSerialLink link() {
    return link;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String devicePort() {
    return link.name();
  }

  @Override
  public void write(byte[] bytes) {
    link.feed(bytes);
  }

  @Override
  public void unplug() {
    link.unplug();
  }

  @Override
  public void replug() {
    link.replug();
  }

  @Override
  public void close() {
    link.close();
  }
}
