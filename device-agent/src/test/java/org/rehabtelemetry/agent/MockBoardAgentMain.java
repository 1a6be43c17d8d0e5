package org.rehabtelemetry.agent;

import java.nio.file.Path;
import org.rehabtelemetry.agent.cli.AgentRunner;
import org.rehabtelemetry.agent.config.AgentConfigLoader;

/**
 * The agent as a process on Pi4J's mock board (serial through jssc on ptys), for the tests that
 * kill or measure a real agent process: {@code MockBoardAgentMain CONFIG}.
 */
public final class MockBoardAgentMain {
  private MockBoardAgentMain() {}

  public static void main(String[] args) {
    System.exit(
        AgentRunner.run(
            AgentConfigLoader.load(Path.of(args[0])),
            TestAgentConfigs.mockBoard(),
            System.out,
            System.err));
  }
}
