package org.rehabtelemetry.testsupport;

/** Runs a {@link SocatPtyPair} for a test class or method. */
public final class SocatPtyExtension extends ServerExtension<SocatPtyPair> {
  public SocatPtyExtension() {
    super(SocatPtyPair::new);
  }
}
