package org.rehabtelemetry.hardware.profile;

import java.util.Map;

/**
 * A therapy programme a therapist can pick on the device, with its settings.
 *
 * @param name e.g. {@code standing}, {@code passive}, {@code pearlBath}
 * @param settings setting name (units in the name, e.g. {@code targetTiltDeg}) to its range
 */
public record ProgrammeSpec(String name, Map<String, Setting> settings) {
  public ProgrammeSpec {
    settings = Map.copyOf(settings);
  }

  /** A setting's default and allowed range. */
  public record Setting(double defaultValue, double min, double max) {}
}
