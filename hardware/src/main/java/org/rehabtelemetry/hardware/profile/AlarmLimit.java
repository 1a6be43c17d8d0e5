package org.rehabtelemetry.hardware.profile;

import org.rehabtelemetry.protocol.AlarmPriority;

/**
 * A default alarm limit on one channel; the agent evaluates it, and a patient's limits may override
 * it.
 *
 * @param code the alarm code, e.g. {@code SPO2_LOW}
 * @param channel the channel it watches
 * @param condition what crosses the limit
 * @param threshold the limit, in the channel's unit (per second for {@link Condition#RATE_ABOVE})
 * @param priority IEC 60601-1-8 priority
 */
public record AlarmLimit(
    String code, String channel, Condition condition, double threshold, AlarmPriority priority) {

  /** How a value crosses the limit. */
  public enum Condition {
    /** value &lt; threshold */
    BELOW,
    /** value &gt; threshold */
    ABOVE,
    /** |change per second| &gt; threshold */
    RATE_ABOVE
  }
}
