package org.rehabtelemetry.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A private HiveMQ CE broker on 127.0.0.1, the second MQTT implementation for portability runs: a
 * child JVM on the class path the {@code test-broker-hivemq} module writes at build time ({@code
 * test-broker-hivemq/target/hivemq.classpath}, found from the working directory upwards, or named
 * by the system property {@value #CLASSPATH_PROPERTY}). Anonymous, with file persistence in its
 * temp dir, so a graceful {@link #restart()} keeps persistent sessions; supports {@code $share}.
 */
public final class HiveMqServer extends ManagedServer {
  /** Names the class-path file when the build layout is not the usual one. */
  public static final String CLASSPATH_PROPERTY = "rehab.hivemq.classpath";

  private static final String MODULE = "test-broker-hivemq";
  private final int port = FreePort.pick();

  public HiveMqServer() {
    super("hivemq");
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
    Path classpathFile = classpathFile();
    String classpath;
    try {
      classpath = Files.readString(classpathFile, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + classpathFile, e);
    }
    Path classes = classpathFile.resolveSibling("classes");
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m",
        "-cp",
        classes + java.io.File.pathSeparator + classpath,
        "org.rehabtelemetry.testbroker.hivemq.HiveMqBroker",
        Integer.toString(port),
        dir().resolve("broker").toString());
  }

  @Override
  protected boolean isReady() {
    return FreePort.isListening(port);
  }

  private static Path classpathFile() {
    String named = System.getProperty(CLASSPATH_PROPERTY);
    if (named != null && !named.isBlank()) {
      return Path.of(named);
    }
    for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
      Path candidate = at.resolve(MODULE).resolve("target").resolve("hivemq.classpath");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new MissingBinaryException(
        "HiveMQ CE's class path ("
            + MODULE
            + "/target/hivemq.classpath) was not found from "
            + Path.of("").toAbsolutePath()
            + " upwards; build the module first (./mvnw -pl "
            + MODULE
            + " package) or set -D"
            + CLASSPATH_PROPERTY);
  }
}
