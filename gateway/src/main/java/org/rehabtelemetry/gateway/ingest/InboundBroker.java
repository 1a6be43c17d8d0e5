package org.rehabtelemetry.gateway.ingest;

/**
 * The broker as ingest needs it: a persistent subscription to every device topic with manual
 * acknowledgements. The Paho adapter ({@code gateway.mqtt}) is the real one; a fake drives the
 * ingest logic's tests. Implementations are thread-safe.
 */
public interface InboundBroker extends AutoCloseable {
  /** Receives deliveries on the client's thread, in order. */
  interface Handler {
    /**
     * A message arrived. May block (the broker then holds the rest): that is how ingest applies
     * back-pressure when its queue is full.
     */
    void arrived(Delivery delivery) throws InterruptedException;

    /** The connection dropped; every unacknowledged delivery will come again. */
    void connectionLost(Throwable cause);
  }

  /**
   * Connects, subscribes and starts delivering to {@code handler}. Blocks until connected.
   *
   * @throws IngestException if the broker cannot be reached or refuses
   */
  void start(Handler handler);

  /**
   * Acknowledges a delivery (PUBACK): the broker forgets it. A delivery of an earlier connection is
   * skipped; the broker delivers it again.
   */
  void acknowledge(Delivery delivery);

  boolean isConnected();

  /** The current connection's id; deliveries carry the id of the connection that brought them. */
  long connection();

  /** Disconnects; unacknowledged messages stay with the broker. */
  @Override
  void close();
}
