package org.rehabtelemetry.agent.publish;

/**
 * The MQTT connection the publisher needs. Every publish is QoS 1. Implementations call callbacks
 * on their own threads; callbacks must not block.
 */
public interface MqttTransport extends AutoCloseable {
  /** What the broker publishes for us when the connection is lost. */
  // The payload is the raw encoded message handed to the MQTT client as is; wills are never
  // compared or printed, so the array's identity-based equals and toString do not matter.
  @SuppressWarnings("ArrayRecordComponent")
  record Will(String topic, byte[] payload) {}

  /** Hears the connection drop. */
  @FunctionalInterface
  interface LossListener {
    void connectionLost(Throwable cause);
  }

  /** Hears messages on a subscribed topic, on the client's thread; must not block. */
  @FunctionalInterface
  interface MessageListener {
    void arrived(String topic, byte[] payload);
  }

  /**
   * Connects, registering the Last Will (QoS 1, retained). Blocks up to the connect timeout.
   *
   * @throws TransportException if the broker cannot be reached or refuses
   */
  void connect(Will will, LossListener lossListener);

  boolean isConnected();

  /**
   * Subscribes the current connection to {@code topic} with QoS 1; messages go to {@code listener}.
   * A new connection starts with no subscription. Blocks up to the connect timeout.
   *
   * @throws TransportException if not connected or the broker refuses
   */
  void subscribe(String topic, MessageListener listener);

  /**
   * Publishes with QoS 1; {@code onAck} runs when the broker's PUBACK arrives. Does not block for
   * the acknowledgement.
   *
   * @throws TransportException if the message cannot be handed to the client (e.g. disconnected)
   */
  void publish(String topic, byte[] payload, boolean retained, Runnable onAck);

  /**
   * Publishes once, with QoS 0, not retained: for what may be lost (live previews). {@code done}
   * runs when the client has written it (or failed to), so a caller can keep at most one waiting: a
   * client queues QoS 0 messages without bound, ahead of later QoS 1 ones. By default with QoS 1,
   * {@code done} on the acknowledgement.
   *
   * @throws TransportException if the message cannot be handed to the client
   */
  default void publishBestEffort(String topic, byte[] payload, Runnable done) {
    publish(topic, payload, false, done);
  }

  /** Disconnects cleanly (no Last Will) and releases resources; idempotent. */
  @Override
  void close();
}
