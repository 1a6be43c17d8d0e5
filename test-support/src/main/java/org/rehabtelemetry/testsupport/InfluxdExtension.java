package org.rehabtelemetry.testsupport;

/** Runs a private {@link InfluxdServer} for a test class or method. */
public final class InfluxdExtension extends ServerExtension<InfluxdServer> {
  public InfluxdExtension() {
    super(InfluxdServer::new);
  }
}
