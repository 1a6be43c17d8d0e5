package org.rehabtelemetry.agent.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rehabtelemetry.agent.config.AgentConfig;
import org.rehabtelemetry.agent.config.AgentConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code run}: the agent on the device's board, until SIGTERM. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description =
        "Run the agent until SIGTERM (exit 0); 1 when it cannot start, 2 for a bad config.")
final class RunCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, description = "The agent's YAML config.")
  Path config;

  @Override
  public Integer call() {
    AgentConfig settings = AgentConfigLoader.load(config); // a ConfigException exits 2
    return AgentRunner.run(settings, null, System.out, System.err);
  }
}
