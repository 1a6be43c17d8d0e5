package org.rehabtelemetry.hardware.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A therapy programme a therapist can pick on the device, with its settings.
 *
 * @param name e.g. {@code standing}, {@code passive}, {@code pearlBath}
 * @param settings setting name (units in the name, e.g. {@code targetTiltDeg}) to its range, in the
 *     profile's order
 * @param labels what people read instead of {@code name}
 */
public record ProgrammeSpec(String name, Map<String, Setting> settings, Labels labels) {
  public ProgrammeSpec {
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
  }

  public ProgrammeSpec(String name, Map<String, Setting> settings) {
    this(name, settings, Labels.NONE);
  }

  /**
   * A setting's default and allowed range; the agent refuses values outside {@code min..max}.
   *
   * @param unit its unit symbol, e.g. {@code deg}, or empty
   * @param decimals how many decimals people are shown
   * @param labels what people read instead of the setting's name
   */
  public record Setting(
      double defaultValue, double min, double max, String unit, int decimals, Labels labels) {
    public Setting(double defaultValue, double min, double max) {
      this(defaultValue, min, max, "", 1, Labels.NONE);
    }

    /** Whether {@code value} is allowed. */
    public boolean allows(double value) {
      return value >= min && value <= max;
    }
  }
}
