package org.rehabtelemetry.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A private Mosquitto broker on 127.0.0.1 with persistence in its temp dir.
 *
 * <p>Mosquitto started as root drops to the user {@code mosquitto}, which cannot write a root-owned
 * temp dir; the config names the current user instead, which keeps root as root and is ignored for
 * other users. Persistence is saved on a graceful {@link #stop()} and every second, so a restart
 * keeps persistent sessions and their queued messages; a {@link #kill()} may lose the last second,
 * as a real crash would.
 */
public final class MosquittoServer extends ManagedServer {
  private final int port = FreePort.pick();
  private final List<String> extraConfig;
  private final java.util.function.Function<Integer, List<String>> fullConfig;

  /** A broker with the default limits. */
  public MosquittoServer() {
    this(List.of());
  }

  /** A broker with extra config lines, e.g. {@code max_queued_messages 100000}. */
  public MosquittoServer(List<String> extraConfig) {
    super("mosquitto");
    this.extraConfig = List.copyOf(extraConfig);
    this.fullConfig = null;
  }

  private MosquittoServer(java.util.function.Function<Integer, List<String>> fullConfig) {
    super("mosquitto");
    this.extraConfig = List.of();
    this.fullConfig = fullConfig;
  }

  /**
   * A broker with a whole config of the caller's (e.g. the production file with its port and paths
   * rewritten): {@code config} gets the free port and returns the lines. The caller binds it to
   * 127.0.0.1; {@code user} and {@code log_dest stderr} are added.
   */
  public static MosquittoServer withConfig(
      java.util.function.Function<Integer, List<String>> config) {
    return new MosquittoServer(config);
  }

  public int port() {
    return port;
  }

  /** The broker address for Paho, e.g. {@code tcp://127.0.0.1:34567}. */
  public String uri() {
    return "tcp://127.0.0.1:" + port;
  }

  @Override
  protected List<String> prepare() {
    Path binary = Binaries.require("mosquitto", "mosquitto");
    Path config = dir().resolve("mosquitto.conf");
    List<String> lines = new ArrayList<>();
    if (fullConfig != null) {
      lines.addAll(fullConfig.apply(port));
      lines.add("user " + System.getProperty("user.name"));
      lines.add("log_dest stderr");
      return write(binary, config, lines);
    }
    lines.add("listener " + port + " 127.0.0.1");
    lines.add("allow_anonymous true");
    lines.add("persistence true");
    lines.add("persistence_location " + dir() + "/");
    lines.add("autosave_interval 1");
    lines.add("user " + System.getProperty("user.name"));
    lines.add("log_dest stderr");
    lines.addAll(extraConfig);
    return write(binary, config, lines);
  }

  private static List<String> write(Path binary, Path config, List<String> lines) {
    try {
      Files.write(config, lines);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + config, e);
    }
    return List.of(binary.toString(), "-c", config.toString());
  }

  @Override
  protected boolean isReady() {
    return FreePort.isListening(port);
  }
}
