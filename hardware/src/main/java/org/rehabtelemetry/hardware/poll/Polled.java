package org.rehabtelemetry.hardware.poll;

/** Something sampled or checked periodically by a {@link PollingScheduler}. */
@FunctionalInterface
public interface Polled {
  /** Called with the monotonic time; must be quick (well under the polling period). */
  void poll(long nanos);
}
