package org.rehabtelemetry.agent.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rehabtelemetry.agent.config.AgentConfig;
import org.rehabtelemetry.agent.config.AgentConfigLoader;
import org.rehabtelemetry.hardware.pi4j.Board;
import org.rehabtelemetry.hardware.pi4j.BoardCheck;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.hardware.profile.DeviceProfiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code check-hardware}: which Pi4J providers the board context uses, and whether this machine has
 * the devices the profile wires. Touches no pin. Exit 0 when everything is there, 1 otherwise.
 */
@Command(
    name = "check-hardware",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Show the board's GPIO and I2C providers and what the profile needs.")
final class CheckHardwareCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, description = "The agent's YAML config.")
  Path config;

  @Option(names = "--dev", defaultValue = "/dev", description = "Where device nodes live.")
  Path dev;

  @Override
  public Integer call() {
    AgentConfig settings = AgentConfigLoader.load(config); // a ConfigException exits 2
    DeviceProfile profile = DeviceProfiles.load(settings.profile());
    System.out.println("profile: " + profile.source() + " (" + profile.kind() + ")");
    try (Board board = Board.open()) {
      board.providers().forEach((role, id) -> System.out.println(role + ": " + id));
    }
    List<String> problems = BoardCheck.problems(profile, dev);
    if (problems.isEmpty()) {
      System.out.println("board: every device the profile wires is present under " + dev);
      return 0;
    }
    problems.forEach(System.out::println);
    return 1;
  }
}
