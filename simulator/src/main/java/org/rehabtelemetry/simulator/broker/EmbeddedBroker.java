package org.rehabtelemetry.simulator.broker;

import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The demo's zero-install MQTT broker: Moquette in this JVM, on loopback, persisting to a
 * directory, anonymous, with its telemetry off.
 *
 * <p>For the demo only. Moquette has no shared subscriptions (the gateway subscribes plainly to it)
 * and lost messages queued for an offline persistent session in 3 of 6 runs on these machines
 * (docs/simulator.md). The delivery guarantee is tested against Mosquitto, which production uses.
 * Start and close from one thread.
 */
public final class EmbeddedBroker implements AutoCloseable {
  private final Server server = new Server();
  private final int port;

  private EmbeddedBroker(int port) {
    this.port = port;
  }

  /**
   * Starts the broker. Blocks until it listens.
   *
   * @param port the loopback port, 0 for any free one
   * @param dataDir where it keeps sessions and queued messages
   */
  public static EmbeddedBroker start(int port, Path dataDir) throws IOException {
    int bound = port == 0 ? freePort() : port;
    Files.createDirectories(dataDir);
    Properties properties = new Properties();
    properties.setProperty(IConfig.HOST_PROPERTY_NAME, "127.0.0.1");
    properties.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(bound));
    properties.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, "disabled");
    properties.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
    properties.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "true");
    properties.setProperty(
        IConfig.DATA_PATH_PROPERTY_NAME, dataDir.toAbsolutePath().toString() + "/");
    properties.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
    properties.setProperty(IConfig.SESSION_QUEUE_SIZE, "100000");
    EmbeddedBroker broker = new EmbeddedBroker(bound);
    broker.server.startServer(new MemoryConfig(properties));
    return broker;
  }

  /** e.g. {@code tcp://127.0.0.1:1883}. */
  public String uri() {
    return "tcp://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    server.stopServer();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    }
  }
}
