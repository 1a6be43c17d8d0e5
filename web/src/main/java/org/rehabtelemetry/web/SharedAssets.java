package org.rehabtelemetry.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;

/**
 * Browser code both web UIs use, served from this module at {@code /shared/}: {@code
 * alarm-signals.js} plays the IEC 60601-1-8 alarm bursts through Web Audio on the touch UI and on
 * the operator dashboard, so both sound as the device's buzzer does (docs/alarms.md).
 */
public final class SharedAssets {
  private SharedAssets() {}

  /** Serves the shared files at {@code /shared/}; call while configuring the server. */
  public static void serve(JavalinConfig config) {
    config.staticFiles.add(
        files -> {
          files.hostedPath = "/shared";
          files.directory = "/web-shared";
          files.location = Location.CLASSPATH;
        });
  }
}
