package org.rehabtelemetry.testsupport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay over real loopback sockets, in front of an echo server. */
class TcpRelayIT {
  private ServerSocket echo;
  private Thread echoThread;

  @BeforeEach
  void startEcho() throws IOException {
    echo = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    echoThread =
        new Thread(
            () -> {
              while (!echo.isClosed()) {
                try {
                  Socket socket = echo.accept();
                  Thread pump =
                      new Thread(
                          () -> {
                            try (socket) {
                              socket.getInputStream().transferTo(socket.getOutputStream());
                            } catch (IOException e) {
                              // the client went away
                            }
                          });
                  pump.setDaemon(true);
                  pump.start();
                } catch (IOException e) {
                  return;
                }
              }
            },
            "echo");
    echoThread.setDaemon(true);
    echoThread.start();
  }

  @AfterEach
  void stopEcho() throws Exception {
    echo.close();
    echoThread.join(2_000);
  }

  @Test
  void relaysBothWays_cutClosesAndRefuses_restoreRelaysAgain() throws Exception {
    try (TcpRelay relay = TcpRelay.start("test", echo.getLocalPort())) {
      Socket before = connect(relay);
      assertEquals("hello", roundTrip(before, "hello"));

      relay.cut();
      before.setSoTimeout(2_000);
      assertEquals(-1, readOrEnd(before.getInputStream()), "a cut link ends the stream");
      try (Socket during = connect(relay)) {
        during.setSoTimeout(2_000);
        assertEquals(-1, readOrEnd(during.getInputStream()), "a new connection is closed at once");
      }

      relay.restore();
      try (Socket after = connect(relay)) {
        assertEquals("again", roundTrip(after, "again"));
      }
      assertEquals(3, relay.connections());
      before.close();
    }
  }

  @Test
  void closedRelay_acceptsNothing() {
    TcpRelay relay = TcpRelay.start("closed", echo.getLocalPort());
    int port = relay.port();
    relay.close();
    // The freed port is an ephemeral one: the kernel may hand it to another socket at once, and a
    // connect to an unbound ephemeral port can even connect to itself. So a refused connect is not
    // the test; that the relay accepted nothing is.
    try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
      // connected to something else: the relay must still count nothing while it stays open
      await()
          .during(Duration.ofMillis(200))
          .atMost(Duration.ofSeconds(2))
          .until(() -> relay.connections() == 0);
    } catch (IOException expected) {
      // refused: the usual case
    }
    assertEquals(0, relay.connections(), "a closed relay accepts no connection");
  }

  private static Socket connect(TcpRelay relay) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), relay.port());
    socket.setSoTimeout(5_000);
    return socket;
  }

  private static String roundTrip(Socket socket, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
    byte[] back = socket.getInputStream().readNBytes(bytes.length);
    assertArrayEquals(bytes, back);
    return new String(back, StandardCharsets.US_ASCII);
  }

  /** -1 for an ended or reset stream, else the byte read. */
  private static int readOrEnd(InputStream in) {
    try {
      return in.read();
    } catch (java.net.SocketTimeoutException e) {
      return -2; // still open: the assertion names it
    } catch (IOException e) {
      return -1; // reset
    }
  }
}
