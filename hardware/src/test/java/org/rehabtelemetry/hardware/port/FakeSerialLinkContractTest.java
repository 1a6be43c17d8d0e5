package org.rehabtelemetry.hardware.port;

import org.rehabtelemetry.hardware.fake.FakeSerialLink;

class FakeSerialLinkContractTest extends SerialLinkContract {
  private final FakeSerialLink fake = new FakeSerialLink("/dev/ttyFAKE0");

  @Override
  protected SerialLink createLink() {
    return fake;
  }

  @Override
  protected SerialLink createMissingLink() {
    FakeSerialLink missing = new FakeSerialLink("/dev/ttyMISSING");
    missing.unplug();
    return missing;
  }

  @Override
  protected void deviceSends(byte[] bytes) {
    fake.feed(bytes);
  }

  @Override
  protected byte[] deviceReceives(int count) {
    return fake.written();
  }

  @Override
  protected void unplug() {
    fake.unplug();
  }
}
