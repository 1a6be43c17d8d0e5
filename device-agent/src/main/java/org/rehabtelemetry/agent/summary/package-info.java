/**
 * A session's clinical summary, computed from the readings as the device profile's {@code summary}
 * lists it: the metric types of {@link org.rehabtelemetry.hardware.profile.MetricSpec}, so a new
 * device kind's metrics are YAML, not Java.
 */
package org.rehabtelemetry.agent.summary;
