package org.rehabtelemetry.gateway.cli;

import picocli.CommandLine;

/** {@code --version}: the gateway's version. */
public final class Version implements CommandLine.IVersionProvider {
  public static final String VERSION = "0.2.0";

  @Override
  public String[] getVersion() {
    return new String[] {"rehab-telemetry gateway " + VERSION};
  }
}
