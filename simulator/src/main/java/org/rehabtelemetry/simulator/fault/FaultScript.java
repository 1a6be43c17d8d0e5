package org.rehabtelemetry.simulator.fault;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * System-level faults on a schedule, for tests and soak runs: a broker stopped and started, a
 * gateway killed, the database stopped. Faults on the device's own ports (noise, silence, unplug)
 * are trace events instead (docs/traces.md). One step per line, {@code SECONDS TARGET ACTION}, e.g.
 *
 * <pre>
 * # seconds after the start, target, action
 * 8   broker  stop
 * 11  broker  start
 * 16  gateway kill
 * 19  gateway start
 * </pre>
 *
 * Actions: {@code stop} (graceful), {@code kill} (SIGKILL), {@code start}. Targets are whatever
 * names the runner hands to {@link #run}. Immutable; {@link #run} blocks.
 */
public final class FaultScript {
  private static final Logger LOG = LoggerFactory.getLogger(FaultScript.class);
  private static final Set<String> ACTIONS = Set.of("stop", "kill", "start");

  /** Something a script can stop, kill and start. */
  public interface Target {
    void stop() throws Exception;

    void kill() throws Exception;

    void start() throws Exception;
  }

  /** One step: at {@code atSeconds} after the start, {@code action} on {@code target}. */
  public record Step(double atSeconds, String target, String action) {}

  private final List<Step> steps;

  private FaultScript(List<Step> steps) {
    this.steps = List.copyOf(steps);
  }

  /**
   * Reads a script.
   *
   * @throws IllegalArgumentException naming the line and what is wrong
   */
  public static FaultScript parse(String text) {
    List<Step> steps = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].replaceAll("#.*", "").trim();
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split("\\s+", -1); // trimmed: no empty part at either end
      if (parts.length != 3) {
        throw new IllegalArgumentException(
            "line " + (i + 1) + ": expected \"SECONDS TARGET ACTION\", was \"" + line + "\"");
      }
      double at;
      try {
        at = Double.parseDouble(parts[0].replaceAll("s$", ""));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "line " + (i + 1) + ": \"" + parts[0] + "\" is not a number of seconds");
      }
      String action = parts[2].toLowerCase(Locale.ROOT);
      if (at < 0 || !ACTIONS.contains(action)) {
        throw new IllegalArgumentException(
            "line " + (i + 1) + ": needs seconds >= 0 and an action of " + ACTIONS + ": " + line);
      }
      steps.add(new Step(at, parts[1], action));
    }
    steps.sort(Comparator.comparingDouble(Step::atSeconds));
    return new FaultScript(steps);
  }

  public List<Step> steps() {
    return steps;
  }

  /**
   * Runs the steps at their times from now. Blocks until the last step is done.
   *
   * @throws IllegalArgumentException before anything runs, if a step names an unknown target
   */
  public void run(Map<String, Target> targets) throws Exception {
    for (Step step : steps) {
      if (!targets.containsKey(step.target())) {
        throw new IllegalArgumentException(
            "no target \"" + step.target() + "\"; known: " + targets.keySet());
      }
    }
    long start = System.nanoTime();
    for (Step step : steps) {
      long due = start + (long) (step.atSeconds() * 1e9);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      LOG.info("fault script at {} s: {} {}", step.atSeconds(), step.target(), step.action());
      Target target = targets.get(step.target());
      switch (step.action()) {
        case "stop" -> target.stop();
        case "kill" -> target.kill();
        default -> target.start();
      }
    }
  }
}
