package org.rehabtelemetry.agent.control;

import java.util.Map;

/**
 * What a therapist chose for a session: the child's pseudonymous code, the programme, settings
 * (those not given take the profile's defaults) and per-patient alarm limits: a preset of the
 * profile's {@code patientLimits} (e.g. an age band) and limits by code over it.
 *
 * @param limitPreset the name of a limit preset, or null for none
 */
public record SessionSetup(
    String patientCode,
    String programme,
    Map<String, Double> settings,
    Map<String, Double> limits,
    String limitPreset) {
  public SessionSetup {
    settings = Map.copyOf(settings);
    limits = Map.copyOf(limits);
  }

  public SessionSetup(
      String patientCode,
      String programme,
      Map<String, Double> settings,
      Map<String, Double> limits) {
    this(patientCode, programme, settings, limits, null);
  }

  public SessionSetup(String patientCode, String programme, Map<String, Double> settings) {
    this(patientCode, programme, settings, Map.of(), null);
  }
}
