package org.rehabtelemetry.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on 127.0.0.1 in front of one server, whose link a test can cut and restore: a
 * device's network cable pulled while everything else keeps running.
 *
 * <p>{@link #cut()} closes every relayed connection at once (both ends see a reset or end of
 * stream) and, until {@link #restore()}, closes each new connection as soon as it is accepted, as a
 * client behind a dead link would see it. Each connection is pumped by two daemon threads named
 * after the relay; 64 KiB buffers. Thread-safe.
 */
public final class TcpRelay implements AutoCloseable {
  private final String name;
  private final int targetPort;
  private final ServerSocket listener;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger connections = new AtomicInteger();
  private final Thread acceptor;
  private volatile boolean cut;
  private volatile boolean closed;

  private TcpRelay(String name, int targetPort) throws IOException {
    this.name = name;
    this.targetPort = targetPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "relay-" + name + "-accept");
    acceptor.setDaemon(true);
  }

  /**
   * Starts relaying 127.0.0.1:{@code localPort} (a free one, see {@link #port()}) to
   * 127.0.0.1:{@code targetPort}.
   *
   * @param name for thread names and messages
   */
  public static TcpRelay start(String name, int targetPort) {
    try {
      TcpRelay relay = new TcpRelay(name, targetPort);
      relay.acceptor.start();
      return relay;
    } catch (IOException e) {
      throw new UncheckedIOException("relay " + name + " could not listen", e);
    }
  }

  /** The relay's own loopback port. */
  public int port() {
    return listener.getLocalPort();
  }

  /** {@code tcp://127.0.0.1:<port>}, for an MQTT client. */
  public String uri() {
    return "tcp://127.0.0.1:" + port();
  }

  /** Connections accepted so far, relayed or refused. */
  public int connections() {
    return connections.get();
  }

  /** Closes every relayed connection and refuses new ones until {@link #restore()}. */
  public void cut() {
    cut = true;
    for (Socket socket : open) {
      closeQuietly(socket);
    }
  }

  /** Relays new connections again. */
  public void restore() {
    cut = false;
  }

  public boolean isCut() {
    return cut;
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(listener);
    cut();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        continue;
      }
      connections.incrementAndGet();
      if (cut) {
        closeQuietly(client);
        continue;
      }
      Socket server = new Socket();
      try {
        server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2_000);
      } catch (IOException e) {
        closeQuietly(client);
        closeQuietly(server);
        continue;
      }
      open.add(client);
      open.add(server);
      pump(client, server, "up");
      pump(server, client, "down");
    }
  }

  private void pump(Socket from, Socket to, String direction) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[64 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                  out.write(buffer, 0, read);
                  out.flush();
                }
              } catch (SocketException e) {
                // cut, or the other side closed: fall through and close both
              } catch (IOException e) {
                // the same: a relay has nothing to report but the closed link
              } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
              }
            },
            "relay-" + name + "-" + direction);
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      // closing a socket that is already gone
    }
  }

  @Override
  public String toString() {
    return "relay " + name + " :" + port() + " -> :" + targetPort + (cut ? " (cut)" : "");
  }
}
