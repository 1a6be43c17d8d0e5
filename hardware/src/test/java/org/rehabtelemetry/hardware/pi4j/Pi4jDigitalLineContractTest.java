package org.rehabtelemetry.hardware.pi4j;

import com.pi4j.context.Context;
import org.junit.jupiter.api.AfterEach;
import org.rehabtelemetry.hardware.port.DigitalLine;
import org.rehabtelemetry.hardware.port.DigitalLineContract;

class Pi4jDigitalLineContractTest extends DigitalLineContract {
  private final Context context = MockPi4j.context();
  private final MockBoardPorts ports = new MockBoardPorts(context);

  @AfterEach
  void shutdown() {
    context.shutdown();
  }

  @Override
  protected DigitalLine createLine() {
    return ports.input(5, true);
  }

  @Override
  protected void drive(boolean high) {
    ports.drive(5, high);
  }
}
