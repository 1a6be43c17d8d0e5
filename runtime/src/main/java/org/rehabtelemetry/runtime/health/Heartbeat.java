package org.rehabtelemetry.runtime.health;

/** A worker's sign of progress; {@link Liveness.Worker} is the real one. Thread-safe. */
@FunctionalInterface
public interface Heartbeat {
  /** One that records nothing, for code run outside a watched process (tests, tools). */
  Heartbeat NONE = () -> {};

  /** Records progress now. */
  void beat();
}
