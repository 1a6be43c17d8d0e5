package org.rehabtelemetry.gateway.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A broker in memory for ingest's tests: {@link #deliver} hands a message to ingest on the calling
 * thread (blocking as Paho's thread would when ingest's queue is full), {@link #acked()} lists what
 * ingest acknowledged, {@link #dropConnection()} plays a connection loss. Thread-safe.
 */
final class FakeInboundBroker implements InboundBroker {
  private final AtomicLong connection = new AtomicLong(1);
  private final AtomicInteger ids = new AtomicInteger();
  private final List<Integer> acked = new ArrayList<>();
  private volatile Handler handler;

  @Override
  public void start(Handler handler) {
    this.handler = handler;
  }

  /** Delivers a message; returns its packet id. */
  int deliver(String topic, byte[] payload) throws InterruptedException {
    int id = ids.incrementAndGet();
    handler.arrived(new Delivery(topic, payload, id, 1, connection.get()));
    return id;
  }

  void dropConnection() {
    connection.incrementAndGet();
    handler.connectionLost(new java.io.IOException("connection reset (test)"));
  }

  @Override
  public synchronized void acknowledge(Delivery delivery) {
    if (delivery.connection() == connection.get()) {
      acked.add(delivery.messageId());
    }
  }

  synchronized List<Integer> acked() {
    return new ArrayList<>(acked);
  }

  @Override
  public boolean isConnected() {
    return true;
  }

  @Override
  public long connection() {
    return connection.get();
  }

  @Override
  public void close() {}
}
