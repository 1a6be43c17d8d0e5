package org.rehabtelemetry.gateway.receipt;

/** Sends commands to devices over the broker. Implementations are thread-safe. */
@FunctionalInterface
public interface CommandPublisher {
  /**
   * Publishes with QoS 1 and does not wait for the broker's acknowledgement.
   *
   * @return false when it could not be handed to the broker (not connected); nothing is retried
   */
  boolean publish(String topic, byte[] payload);
}
