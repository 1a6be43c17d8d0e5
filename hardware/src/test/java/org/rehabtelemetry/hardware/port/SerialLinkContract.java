package org.rehabtelemetry.hardware.port;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SerialLink} must do. Subclasses supply the link and play the device on the
 * other end; the same tests run against the fake and against jssc over a real pseudo-terminal.
 */
public abstract class SerialLinkContract {
  private SerialLink link;

  /** A link to a device that exists, not yet opened. */
  protected abstract SerialLink createLink();

  /** A link whose port does not exist. */
  protected abstract SerialLink createMissingLink();

  /** The device sends bytes. */
  protected abstract void deviceSends(byte[] bytes) throws Exception;

  /** The bytes the device received, waiting up to a few seconds for {@code count}. */
  protected abstract byte[] deviceReceives(int count) throws Exception;

  /** The device vanishes, as an unplugged USB adapter does. */
  protected abstract void unplug() throws Exception;

  @AfterEach
  void closeLink() {
    if (link != null) {
      link.close();
    }
  }

  @Test
  void open_thenBytesTheDeviceSends_areReadInOrder() throws Exception {
    link = createLink();
    link.open();
    assertTrue(link.isOpen());
    byte[] sent = new byte[300];
    for (int i = 0; i < sent.length; i++) {
      sent[i] = (byte) (i * 7);
    }
    deviceSends(sent);
    assertArrayEquals(sent, readExactly(sent.length));
  }

  @Test
  void read_withNothingSent_returnsZeroAfterAboutTheTimeout() {
    link = createLink();
    link.open();
    long start = System.nanoTime();
    assertEquals(0, link.read(new byte[16], 0, 16, Duration.ofMillis(100)));
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(elapsedMillis >= 50 && elapsedMillis < 2_000, "waited " + elapsedMillis + " ms");
  }

  @Test
  void write_reachesTheDevice() throws Exception {
    link = createLink();
    link.open();
    link.write(new byte[] {1, 2, 3, (byte) 0xFF});
    assertArrayEquals(new byte[] {1, 2, 3, (byte) 0xFF}, deviceReceives(4));
  }

  @Test
  void unplugged_readThrowsHardwareException() throws Exception {
    link = createLink();
    link.open();
    unplug();
    HardwareException thrown = null;
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (thrown == null && System.nanoTime() < deadline) {
      try {
        link.read(new byte[16], 0, 16, Duration.ofMillis(100));
      } catch (HardwareException e) {
        thrown = e;
      }
    }
    assertTrue(thrown != null, "a read after unplugging must fail within 5 s");
    assertTrue(thrown.getMessage().contains(link.name()), thrown.getMessage());
  }

  @Test
  void openMissingPort_throwsHardwareExceptionNamingIt() {
    SerialLink missing = createMissingLink();
    HardwareException e = assertThrows(HardwareException.class, missing::open);
    assertTrue(e.getMessage().contains(missing.name()), e.getMessage());
    assertFalse(missing.isOpen());
  }

  @Test
  void close_isIdempotent_andReadAfterCloseThrows() {
    link = createLink();
    link.open();
    link.close();
    link.close();
    assertFalse(link.isOpen());
    assertThrows(
        HardwareException.class, () -> link.read(new byte[4], 0, 4, Duration.ofMillis(10)));
  }

  private byte[] readExactly(int count) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[64];
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (out.size() < count && System.nanoTime() < deadline) {
      int n = link.read(buffer, 0, buffer.length, Duration.ofMillis(100));
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }
}
