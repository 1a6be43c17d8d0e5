package org.rehabtelemetry.agent;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.rehabtelemetry.agent.config.AgentConfig;
import org.rehabtelemetry.agent.config.AgentConfigLoader;
import org.rehabtelemetry.hardware.pi4j.MockBoardPorts;
import org.rehabtelemetry.hardware.pi4j.MockPi4j;

/**
 * Writes an agent config and its profile for tests and benchmarks: the profile comes from a test
 * resource whose placeholders (HUB_PORT, OXI_PORT) are replaced by real pty paths; the agent runs
 * on Pi4J's mock GPIO ({@link #mockBoard()}) with its state in {@code dir}. The config file is
 * {@code dir/agent.yaml}.
 */
public final class TestAgentConfigs {
  private TestAgentConfigs() {}

  /** The board a test agent runs on: jssc for serial (ptys), Pi4J's mock for GPIO and I²C. */
  public static MockBoardPorts mockBoard() {
    return new MockBoardPorts(MockPi4j.context());
  }

  public static AgentConfig write(
      Path dir,
      String profileResource,
      Map<String, Path> ports,
      String brokerUri,
      int uiPort,
      String requiredSensors) {
    try {
      String profileText;
      try (InputStream in =
          TestAgentConfigs.class
              .getClassLoader()
              .getResourceAsStream("profiles/" + profileResource)) {
        profileText = new String(in.readAllBytes(), UTF_8);
      }
      for (Map.Entry<String, Path> port : ports.entrySet()) {
        profileText = profileText.replace(port.getKey(), port.getValue().toString());
      }
      Path profile = dir.resolve(profileResource);
      Files.writeString(profile, profileText);
      String yaml =
          String.join(
              "\n",
              "device: {id: vert-01, site: ward-b, profile: \"" + profile + "\"}",
              "stateDir: \"" + dir.resolve("state") + "\"",
              "journal: {commitIntervalMs: 100}",
              "mqtt: {uri: \"" + brokerUri + "\", reconnectInitialMs: 200, reconnectMaxMs: 2000}",
              "session: {requiredSensors: \"" + requiredSensors + "\"}",
              // No gateway in these tests: records are freed on the broker's acknowledgement.
              "receipts: {mode: ignore}",
              "ui: {port: " + uiPort + "}",
              "");
      Files.writeString(dir.resolve("agent.yaml"), yaml);
      return AgentConfigLoader.parse("agent.yaml", yaml.getBytes(UTF_8), dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
