package org.rehabtelemetry.agent.cli;

import java.io.PrintStream;
import java.time.Clock;
import org.rehabtelemetry.agent.DeviceAgent;
import org.rehabtelemetry.agent.config.AgentConfig;
import org.rehabtelemetry.agent.mqtt.PahoTransport;
import org.rehabtelemetry.agent.time.ClockSync;
import org.rehabtelemetry.agent.ui.ControlApi;
import org.rehabtelemetry.hardware.port.MonotonicClock;
import org.rehabtelemetry.hardware.port.PortFactory;
import org.rehabtelemetry.runtime.systemd.ServiceNotifications;
import org.rehabtelemetry.runtime.threads.FailFast;
import org.rehabtelemetry.runtime.threads.Termination;

/**
 * Runs an agent as a process does: fail-fast workers, the agent, its control API, systemd's
 * readiness and watchdog notifications (when it runs under systemd), a shutdown hook for SIGTERM;
 * blocks until the hook has stopped everything. {@code run} uses it on the board; tests use it on
 * Pi4J's mock board in a child JVM.
 */
public final class AgentRunner {
  private AgentRunner() {}

  /**
   * Runs the agent of {@code config} until it is stopped and returns its exit code.
   *
   * @param ports the board's ports, or null for the real board
   * @return the exit code: 0 after a clean stop, 1 when the agent cannot start
   */
  public static int run(AgentConfig config, PortFactory ports, PrintStream out, PrintStream err) {
    FailFast.install();
    DeviceAgent agent =
        new DeviceAgent(
            config, Clock.systemUTC(), MonotonicClock.SYSTEM, ClockSync.systemd(), ports);
    ControlApi api;
    try {
      agent.start(new PahoTransport(config.mqtt()));
      api = new ControlApi(agent, config.uiBind(), config.uiPort(), config.uiHostNames());
    } catch (RuntimeException e) {
      err.println("cannot start: " + e.getMessage());
      agent.close();
      return 1;
    }
    out.println("agent " + config.deviceId() + " running; control API http://" + api.address());
    out.println(ClassSharing.describe());
    out.flush();
    ServiceNotifications systemd = ServiceNotifications.ready(agent.liveness());
    Termination.await(
        "agent-shutdown",
        () -> {
          systemd.close();
          api.close();
          agent.close();
        });
    return 0;
  }
}
