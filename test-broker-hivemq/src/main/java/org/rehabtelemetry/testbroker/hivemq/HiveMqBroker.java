package org.rehabtelemetry.testbroker.hivemq;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * HiveMQ CE as a test broker: listens on 127.0.0.1:{@code port}, anonymous, file persistence under
 * {@code dir/data} (so a graceful restart keeps persistent sessions and their queued messages),
 * queues up to 100,000 messages per client, usage statistics off. Stops gracefully on SIGTERM
 * (shutdown hook). Run as {@code HiveMqBroker <port> <dir>}; test-support's {@code HiveMqServer}
 * does that.
 */
public final class HiveMqBroker {
  private HiveMqBroker() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2 || !args[0].matches("\\d{1,5}")) {
      System.err.println("usage: HiveMqBroker <port> <dir>");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    Path dir = Path.of(args[1]).toAbsolutePath();
    Path conf = Files.createDirectories(dir.resolve("conf"));
    writeConfig(conf.resolve("config.xml"), port);
    EmbeddedHiveMQ broker =
        EmbeddedHiveMQ.builder()
            .withConfigurationFolder(conf)
            .withDataFolder(Files.createDirectories(dir.resolve("data")))
            .withExtensionsFolder(Files.createDirectories(dir.resolve("extensions")))
            .build();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  broker.stop().join();
                  stopped.countDown();
                },
                "hivemq-stop"));
    broker.start().join();
    System.out.println("hivemq test broker listening on 127.0.0.1:" + port);
    stopped.await();
  }

  private static void writeConfig(Path file, int port) throws IOException {
    Files.writeString(
        file,
        String.join(
            "\n",
            "<?xml version=\"1.0\"?>",
            "<hivemq>",
            "  <listeners>",
            "    <tcp-listener><port>" + port + "</port><bind-address>127.0.0.1</bind-address>",
            "    </tcp-listener>",
            "  </listeners>",
            "  <mqtt><queued-messages><max-queue-size>100000</max-queue-size></queued-messages>",
            "  </mqtt>",
            "  <persistence><mode>file</mode></persistence>",
            "  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>",
            "</hivemq>",
            ""),
        StandardCharsets.UTF_8);
  }
}
