package org.rehabtelemetry.gateway.receipt;

/** Sends commands to devices over the broker. Implementations are thread-safe. */
@FunctionalInterface
public interface CommandPublisher {
  /**
   * Publishes at most once (QoS 0): commands are receipts and resend requests, whose loss costs a
   * resend, never data. Does not block.
   *
   * @return false when it could not be handed to the broker (not connected); nothing is retried
   */
  boolean publish(String topic, byte[] payload);
}
