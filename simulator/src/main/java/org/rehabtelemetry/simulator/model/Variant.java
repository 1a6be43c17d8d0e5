package org.rehabtelemetry.simulator.model;

/** The normal case of a model and its abnormal twins. */
public enum Variant {
  NORMAL,
  /** Verticalizer: heart rate rises 45 /min over the supine baseline while standing. */
  ORTHOSTATIC,
  /** Verticalizer: heart rate and SpO₂ fall together. */
  VASOVAGAL,
  /** Any device: the emergency stop is pressed mid-session. */
  ESTOP,
  /** Movement trainer: a run of repeated spasms (more than 3 in 60 s). */
  SPASMS,
  /** Hydrotherapy: the bath heats past 40 °C. */
  OVERHEATING,
  /** Hydrotherapy: the flow stops. */
  LOSS_OF_FLOW,
  /** Verticalizer with sensor faults: oximeter dropout, garbage bytes, the hub unplugged. */
  SENSOR_FAULTS,
  /** A kind with no model of its own ({@link GenericModel}): a channel crosses its limit. */
  OVER_LIMIT
}
