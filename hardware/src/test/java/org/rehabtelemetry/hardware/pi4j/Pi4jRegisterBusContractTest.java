package org.rehabtelemetry.hardware.pi4j;

import com.pi4j.context.Context;
import org.junit.jupiter.api.AfterEach;
import org.rehabtelemetry.hardware.port.RegisterBus;
import org.rehabtelemetry.hardware.port.RegisterBusContract;

class Pi4jRegisterBusContractTest extends RegisterBusContract {
  private final Context context = MockPi4j.context();
  private final MockBoardPorts ports = new MockBoardPorts(context);
  private RegisterBus bus;

  @AfterEach
  void shutdown() {
    context.shutdown();
  }

  @Override
  protected RegisterBus createBus() {
    bus = ports.i2c(1, 0x68);
    return bus;
  }

  @Override
  protected void deviceAnswers(int register, byte... values) {
    ports.answer(1, 0x68, register, values);
  }
}
