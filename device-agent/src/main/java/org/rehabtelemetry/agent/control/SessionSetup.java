package org.rehabtelemetry.agent.control;

import java.util.Map;

/**
 * What a therapist chose for a session: the child's pseudonymous code, the programme, settings
 * (those not given take the profile's defaults) and per-patient alarm limits by code.
 */
public record SessionSetup(
    String patientCode,
    String programme,
    Map<String, Double> settings,
    Map<String, Double> limits) {
  public SessionSetup {
    settings = Map.copyOf(settings);
    limits = Map.copyOf(limits);
  }

  public SessionSetup(String patientCode, String programme, Map<String, Double> settings) {
    this(patientCode, programme, settings, Map.of());
  }
}
