package org.rehabtelemetry.runtime.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JNA adapter sends real datagrams: socat listens on a datagram Unix socket, by path and in the
 * abstract namespace, as systemd's notify socket does, and receives what {@link SdNotify} sends
 * (the datagrams one after another on its output).
 */
class SdNotifyIT {
  @TempDir Path dir;

  @Test
  void notificationsArrive_onAPathSocket() throws Exception {
    Path socket = dir.resolve("notify");
    assertEquals(
        "READY=1WATCHDOG=1STATUS=no progress from x",
        receive("UNIX-RECV:" + socket, socket.toString(), () -> Files.exists(socket)));
  }

  @Test
  void notificationsArrive_onAnAbstractSocket() throws Exception {
    String name = "rt-notify-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    assertEquals(
        "READY=1WATCHDOG=1STATUS=no progress from x",
        receive("ABSTRACT-RECV:" + name, "@" + name, () -> true));
  }

  private interface Ready {
    boolean ready() throws IOException;
  }

  /** Starts socat on {@code address}, sends three notifications to {@code notifySocket}. */
  private String receive(String address, String notifySocket, Ready listening) throws Exception {
    Path received = dir.resolve("received-" + System.nanoTime());
    Process socat =
        new ProcessBuilder("socat", "-u", address, "STDOUT")
            .redirectErrorStream(true)
            .redirectOutput(received.toFile())
            .start();
    try {
      Thread.sleep(300);
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (!listening.ready() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      ServiceManager manager = SdNotify.on(notifySocket);
      assertTrue(manager.present());
      manager.ready();
      Thread.sleep(50);
      manager.watchdog();
      Thread.sleep(50);
      manager.status("no progress from x");
      Thread.sleep(300);
    } finally {
      socat.destroy();
      socat.waitFor(5, TimeUnit.SECONDS);
    }
    return Files.readString(received, StandardCharsets.UTF_8);
  }
}
