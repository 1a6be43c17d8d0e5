package org.rehabtelemetry.gateway.mqtt;

import java.util.concurrent.atomic.AtomicLong;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.rehabtelemetry.config.MqttConnection;
import org.rehabtelemetry.gateway.ingest.Delivery;
import org.rehabtelemetry.gateway.ingest.InboundBroker;
import org.rehabtelemetry.gateway.ingest.IngestException;
import org.rehabtelemetry.gateway.receipt.CommandPublisher;
import org.rehabtelemetry.protocol.MessageType;
import org.rehabtelemetry.protocol.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link InboundBroker} on Paho's MQTT v3 async client: a persistent session (clean session off, a
 * stable client id, so the broker keeps unacknowledged messages while the gateway is down), manual
 * acknowledgements, automatic reconnect (backoff capped at 5 s), credentials and TLS with host name
 * verification from the config. It subscribes to {@code rehab/v1/+/+/+}, or {@code
 * $share/GROUP/rehab/v1/+/+/+} with a share group; Paho calls no per-subscription listener for
 * {@code $share} topics, so the client-wide callback receives everything. Commands to devices match
 * the wildcard too and are acknowledged at once without reaching ingest. It also sends commands
 * ({@link CommandPublisher}), such as storage receipts. Thread-safe as Paho is.
 */
public final class PahoInbound implements InboundBroker, CommandPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(PahoInbound.class);

  private static final String COMMAND_LEVEL = "/" + MessageType.COMMAND.wireName();

  private final MqttConnection connection;
  private final String shareGroup;
  private final int maxInflight;
  private final AtomicLong generation = new AtomicLong();
  private MqttAsyncClient client;

  /**
   * @param shareGroup the shared-subscription group, or null for a plain subscription
   * @param maxInflight Paho's in-flight window for this client
   */
  public PahoInbound(MqttConnection connection, String shareGroup, int maxInflight) {
    this.connection = connection;
    this.shareGroup = shareGroup;
    this.maxInflight = maxInflight;
  }

  @Override
  public synchronized void start(Handler handler) {
    try {
      client =
          new MqttAsyncClient(connection.uri(), connection.clientId(), new MemoryPersistence());
      client.setManualAcks(true);
      client.setCallback(new Callback(handler));
      client.connect(options()).waitForCompletion(15_000);
    } catch (MqttException e) {
      throw new IngestException(connection.connectFailure(e.getMessage(), e.getReasonCode()), e);
    }
    LOG.info("ingest connected to {} as {}", connection.uri(), connection.clientId());
  }

  private MqttConnectOptions options() {
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(false);
    options.setAutomaticReconnect(true);
    options.setMaxReconnectDelay(5_000);
    options.setMaxInflight(maxInflight);
    options.setKeepAliveInterval(15);
    if (connection.username() != null) {
      options.setUserName(connection.username());
    }
    if (connection.password() != null) {
      options.setPassword(connection.password());
    }
    if (connection.tls() != null) {
      SocketFactory sockets = connection.tls().socketFactory();
      options.setSocketFactory(sockets);
      options.setHttpsHostnameVerificationEnabled(true);
    }
    return options;
  }

  @Override
  public void acknowledge(Delivery delivery) {
    MqttAsyncClient current;
    synchronized (this) {
      current = client;
    }
    if (current == null || delivery.connection() != generation.get()) {
      return;
    }
    try {
      current.messageArrivedComplete(delivery.messageId(), delivery.qos());
    } catch (MqttException e) {
      LOG.debug(
          "ack of message {} failed ({}); the broker will deliver it again",
          delivery.messageId(),
          e.getMessage());
    }
  }

  @Override
  public boolean publish(String topic, byte[] payload) {
    MqttAsyncClient current;
    synchronized (this) {
      current = client;
    }
    if (current == null || !current.isConnected()) {
      return false;
    }
    try {
      // QoS 0: a receipt or request that is lost costs a resend, and QoS 0 takes no place in
      // Paho's in-flight window, so a burst of receipts to many devices is never refused (32202).
      current.publish(topic, payload, 0, false);
      return true;
    } catch (MqttException e) {
      LOG.debug("publishing to {} failed: {}", topic, e.getMessage());
      return false;
    }
  }

  @Override
  public synchronized boolean isConnected() {
    return client != null && client.isConnected();
  }

  @Override
  public long connection() {
    return generation.get();
  }

  @Override
  public synchronized void close() {
    if (client == null) {
      return;
    }
    try {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(2_000);
      }
      client.close(true);
    } catch (MqttException e) {
      LOG.debug("closing the MQTT client: {}", e.getMessage());
    }
  }

  private final class Callback implements MqttCallbackExtended {
    private final Handler handler;

    Callback(Handler handler) {
      this.handler = handler;
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      generation.incrementAndGet();
      try {
        client.subscribe(shareGroup == null ? Topic.ALL : Topic.shared(shareGroup, Topic.ALL), 1);
      } catch (MqttException e) {
        LOG.error("subscribing failed: {}", e.getMessage());
      }
    }

    @Override
    public void connectionLost(Throwable cause) {
      generation.incrementAndGet();
      handler.connectionLost(cause);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
      if (topic.endsWith(COMMAND_LEVEL)) {
        // Commands to devices (this gateway's receipts among them) match the wildcard too:
        // nothing to store, so they are acknowledged here and never reach ingest or its figures.
        try {
          client.messageArrivedComplete(message.getId(), message.getQos());
        } catch (MqttException e) {
          LOG.debug("ack of a command failed ({}); the broker delivers it again", e.getMessage());
        }
        return;
      }
      handler.arrived(
          new Delivery(
              topic, message.getPayload(), message.getId(), message.getQos(), generation.get()));
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {}
  }
}
