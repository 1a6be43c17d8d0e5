package org.rehabtelemetry.gateway;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import org.rehabtelemetry.config.ConfigException;
import org.rehabtelemetry.gateway.config.GatewayConfig;
import org.rehabtelemetry.gateway.config.GatewayConfigLoader;
import org.rehabtelemetry.gateway.dashboard.PasswordHash;

/**
 * Runs the gateway:
 *
 * <pre>
 * java -jar gateway.jar run --config gateway.yaml
 * java -jar gateway.jar hash-password      (asks for a password, prints its hash for the config)
 * </pre>
 *
 * Exit codes: 0 after a clean stop (SIGTERM), 1 when it cannot start, 2 for bad usage or a bad
 * config.
 */
public final class GatewayMain {
  private GatewayMain() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    if (args.length == 1 && args[0].equals("hash-password")) {
      return hashPassword();
    }
    if (args.length != 3 || !args[0].equals("run") || !args[1].equals("--config")) {
      System.err.println("usage: gateway run --config FILE | gateway hash-password");
      return 2;
    }
    GatewayConfig config;
    try {
      config = GatewayConfigLoader.load(Path.of(args[2]));
    } catch (ConfigException e) {
      System.err.println("config error: " + e.getMessage());
      return 2;
    }
    Gateway gateway;
    try {
      gateway = Gateway.start(config, Clock.systemUTC());
    } catch (Exception e) {
      System.err.println("cannot start: " + e.getMessage());
      return 1;
    }
    System.out.println(
        "gateway "
            + config.ingest().clientId()
            + " running; storing into "
            + gateway.storageDescription()
            + "; dashboard and metrics on http://"
            + gateway.httpAddress());
    System.out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  gateway.close();
                  stopped.countDown();
                },
                "gateway-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** Reads a password (without echo on a terminal, else one line of stdin) and prints its hash. */
  private static int hashPassword() {
    char[] password;
    Console console = System.console();
    if (console != null) {
      password = console.readPassword("operator password: ");
    } else {
      try {
        String line =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        password = line == null ? null : line.toCharArray();
      } catch (IOException e) {
        password = null;
      }
    }
    if (password == null || password.length < 8) {
      System.err.println("a password of at least 8 characters is needed");
      return 2;
    }
    System.out.println(PasswordHash.create(password, PasswordHash.DEFAULT_ITERATIONS).text());
    Arrays.fill(password, '\0');
    return 0;
  }
}
