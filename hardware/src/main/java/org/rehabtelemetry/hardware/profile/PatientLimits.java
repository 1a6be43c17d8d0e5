package org.rehabtelemetry.hardware.profile;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The alarm limits a therapist may set per patient at session start (the profile's {@code
 * patientLimits}): which alarm codes may change, within which hard bounds, and named presets such
 * as age bands. A limit replaces the main number of its rule: the threshold of a threshold rule,
 * the rise of a rise rule, the margin of a setting rule. No section: nothing may change.
 *
 * @param adjustable per alarm code, the bounds its limit must stay within
 * @param presets named sets of limits, e.g. {@code 5-12y}, each within the bounds
 */
public record PatientLimits(Map<String, Bounds> adjustable, List<Preset> presets) {
  /** None adjustable. */
  public static final PatientLimits NONE = new PatientLimits(Map.of(), List.of());

  /** Inclusive bounds of one limit, in its channel's unit. */
  public record Bounds(double min, double max) {
    public boolean contains(double value) {
      return value >= min && value <= max;
    }
  }

  /**
   * A named set of limits.
   *
   * @param name e.g. {@code 5-12y}
   * @param label what people read, per language
   * @param limits alarm code to limit
   */
  public record Preset(String name, Labels label, Map<String, Double> limits) {
    public Preset {
      limits = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(limits));
    }
  }

  public PatientLimits {
    adjustable = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(adjustable));
    presets = List.copyOf(presets);
  }

  /** The preset with this name. */
  public Optional<Preset> preset(String name) {
    return presets.stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
