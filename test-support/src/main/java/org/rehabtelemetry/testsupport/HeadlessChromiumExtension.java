package org.rehabtelemetry.testsupport;

/** Runs a {@link HeadlessChromium} for a test class or method. */
public final class HeadlessChromiumExtension extends ServerExtension<HeadlessChromium> {
  public HeadlessChromiumExtension() {
    super(HeadlessChromium::new);
  }
}
