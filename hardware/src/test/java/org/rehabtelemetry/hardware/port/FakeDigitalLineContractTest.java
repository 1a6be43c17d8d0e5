package org.rehabtelemetry.hardware.port;

import org.rehabtelemetry.hardware.fake.FakeDigitalLine;

class FakeDigitalLineContractTest extends DigitalLineContract {
  private final FakeDigitalLine line = new FakeDigitalLine("gpio5", true);

  @Override
  protected DigitalLine createLine() {
    return line;
  }

  @Override
  protected void drive(boolean high) {
    line.set(high);
  }
}
