package org.rehabtelemetry.agent.cli;

import org.rehabtelemetry.agent.DeviceAgent;
import picocli.CommandLine;

/** {@code --version}: the agent's version. */
public final class Version implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"rehab-telemetry device-agent " + DeviceAgent.VERSION};
  }
}
