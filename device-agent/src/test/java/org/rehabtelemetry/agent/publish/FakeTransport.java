package org.rehabtelemetry.agent.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory MQTT connection: records publishes, acknowledges journal records when the test says
 * so (or at once in auto-ack mode; retained status messages always at once), and can refuse
 * connects or drop the connection. Thread-safe.
 */
final class FakeTransport implements MqttTransport {
  record Published(String topic, byte[] payload, boolean retained, Runnable onAck) {}

  final List<Published> published = new CopyOnWriteArrayList<>();
  final List<Published> pending = new CopyOnWriteArrayList<>();
  volatile boolean refuseConnect;
  volatile boolean autoAck = true;
  volatile int connects;
  volatile Will will;
  private volatile boolean connected;
  private volatile LossListener lossListener;
  private volatile MessageListener messageListener;
  volatile String subscribed;

  @Override
  public void connect(Will will, LossListener lossListener) {
    if (refuseConnect) {
      throw new TransportException("connection refused", null);
    }
    this.will = will;
    this.lossListener = lossListener;
    connected = true;
    connects++;
  }

  @Override
  public boolean isConnected() {
    return connected;
  }

  @Override
  public void subscribe(String topic, MessageListener listener) {
    if (!connected) {
      throw new TransportException("not connected", null);
    }
    subscribed = topic;
    messageListener = listener;
  }

  /** The broker delivers a message on the subscribed topic. */
  void deliver(byte[] payload) {
    messageListener.arrived(subscribed, payload);
  }

  @Override
  public void publish(String topic, byte[] payload, boolean retained, Runnable onAck) {
    if (!connected) {
      throw new TransportException("not connected", null);
    }
    Published message = new Published(topic, payload, retained, onAck);
    published.add(message);
    if (autoAck || retained) {
      onAck.run();
    } else {
      pending.add(message);
    }
  }

  /** Acknowledges every pending publish. */
  void ackAll() {
    List<Published> toAck = new ArrayList<>(pending);
    pending.removeAll(toAck);
    toAck.forEach(p -> p.onAck().run());
  }

  /** The broker went away: pending publishes are never acknowledged. */
  void drop() {
    connected = false;
    pending.clear();
    lossListener.connectionLost(new RuntimeException("broker gone"));
  }

  @Override
  public void close() {
    connected = false;
  }
}
