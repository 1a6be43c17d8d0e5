package org.rehabtelemetry.gateway.ingest;

import org.rehabtelemetry.protocol.Message;

/**
 * Hears every valid message twice: once as soon as it arrives (for the live dashboard, which must
 * not wait for the database) and once when it is stored (for the registry and completeness).
 */
@FunctionalInterface
public interface IngestListener {
  /** Called on the ingest writer thread after the message's points are stored; must be quick. */
  void stored(String site, Message message);

  /**
   * Called on the MQTT client's thread as soon as a valid message arrives, before it is stored;
   * must be quick and must not block. A message the broker delivers again arrives again.
   */
  default void arrived(String site, Message message) {}

  /**
   * Called on the ingest writer thread after a message is durably kept as a dead letter (refused:
   * invalid, out of the time window, or refused by the database); must be quick. Not called for a
   * message the admission refused (an unknown or revoked device, a cardinality bound): the gateway
   * sends nothing back to such a sender.
   *
   * @param topic the topic it came on, untrusted
   * @param payload its bytes, untrusted
   */
  default void deadLettered(String topic, byte[] payload, String reason) {}

  /** A listener that tells each of {@code listeners} in turn. */
  static IngestListener all(IngestListener... listeners) {
    return new IngestListener() {
      @Override
      public void stored(String site, Message message) {
        for (IngestListener listener : listeners) {
          listener.stored(site, message);
        }
      }

      @Override
      public void arrived(String site, Message message) {
        for (IngestListener listener : listeners) {
          listener.arrived(site, message);
        }
      }

      @Override
      public void deadLettered(String topic, byte[] payload, String reason) {
        for (IngestListener listener : listeners) {
          listener.deadLettered(topic, payload, reason);
        }
      }
    };
  }
}
