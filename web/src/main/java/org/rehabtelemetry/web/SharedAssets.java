package org.rehabtelemetry.web;

import io.javalin.config.JavalinConfig;
import java.util.List;

/**
 * Browser code both web UIs use, served from this module at {@code /shared/}: {@code
 * alarm-signals.js} plays the IEC 60601-1-8 alarm bursts through Web Audio on the touch UI and on
 * the operator dashboard, so both sound as the device's buzzer does (docs/alarms.md).
 */
public final class SharedAssets {
  /** Every file of {@code src/main/resources/web-shared}; a test keeps the two the same. */
  static final List<String> FILES = List.of("alarm-signals.js");

  private SharedAssets() {}

  /** Serves the shared files at {@code /shared/}; call while configuring the server. */
  public static void serve(JavalinConfig config) {
    BundledFiles.read("/web-shared", FILES).serve(config, "/shared");
  }
}
