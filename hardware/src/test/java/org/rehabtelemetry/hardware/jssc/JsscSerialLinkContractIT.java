package org.rehabtelemetry.hardware.jssc;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rehabtelemetry.hardware.port.SerialLink;
import org.rehabtelemetry.hardware.port.SerialLinkContract;
import org.rehabtelemetry.testsupport.SocatPtyExtension;

/** The serial-link contract against real jssc on a socat pseudo-terminal pair. */
class JsscSerialLinkContractIT extends SerialLinkContract {
  @RegisterExtension final SocatPtyExtension pty = new SocatPtyExtension();
  private OutputStream deviceOut;
  private InputStream deviceIn;

  @AfterEach
  void closeDeviceEnd() throws Exception {
    if (deviceOut != null) {
      deviceOut.close();
    }
    if (deviceIn != null) {
      deviceIn.close();
    }
  }

  @Override
  protected SerialLink createLink() {
    return new JsscSerialLink(pty.server().deviceEnd().toString(), 115200);
  }

  @Override
  protected SerialLink createMissingLink() {
    return new JsscSerialLink(pty.server().dir().resolve("ttyNone").toString(), 115200);
  }

  @Override
  protected void deviceSends(byte[] bytes) throws Exception {
    if (deviceOut == null) {
      deviceOut = Files.newOutputStream(pty.server().peerEnd());
    }
    deviceOut.write(bytes);
    deviceOut.flush();
  }

  @Override
  protected byte[] deviceReceives(int count) {
    return assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          if (deviceIn == null) {
            deviceIn = Files.newInputStream(pty.server().peerEnd());
          }
          return deviceIn.readNBytes(count);
        });
  }

  @Override
  protected void unplug() {
    pty.server().stop();
  }
}
