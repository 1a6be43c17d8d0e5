package org.rehabtelemetry.hardware.port;

import org.rehabtelemetry.hardware.fake.FakeRegisterBus;

class FakeRegisterBusContractTest extends RegisterBusContract {
  private final FakeRegisterBus bus = new FakeRegisterBus("i2c-1@0x68");

  @Override
  protected RegisterBus createBus() {
    return bus;
  }

  @Override
  protected void deviceAnswers(int register, byte... values) {
    for (int i = 0; i < values.length; i++) {
      bus.set(register + i, values[i]);
    }
  }
}
