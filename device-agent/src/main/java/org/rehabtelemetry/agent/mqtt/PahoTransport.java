package org.rehabtelemetry.agent.mqtt;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.rehabtelemetry.agent.publish.MqttSettings;
import org.rehabtelemetry.agent.publish.MqttTransport;
import org.rehabtelemetry.agent.publish.TransportException;
import org.rehabtelemetry.config.MqttConnection;

/**
 * {@link MqttTransport} on Paho's MQTT v3 async client.
 *
 * <p>Paho keeps nothing on disk ({@code MemoryPersistence}) and starts a clean session: the journal
 * is the persistence, and after a reconnect the publisher re-sends whatever was not acknowledged.
 * Automatic reconnect is off; the publisher reconnects with its own backoff. Thread-safe as Paho's
 * client is.
 */
public final class PahoTransport implements MqttTransport {
  private final MqttSettings settings;
  private final javax.net.SocketFactory socketFactory;
  private MqttAsyncClient client;
  private volatile MessageListener listener = (topic, payload) -> {};

  /**
   * @throws IllegalArgumentException if the TLS files cannot be used, naming the file
   */
  public PahoTransport(MqttSettings settings) {
    this.settings = settings;
    this.socketFactory =
        settings.connection().tls() == null ? null : settings.connection().tls().socketFactory();
  }

  @Override
  public synchronized void connect(Will will, LossListener lossListener) {
    closeClient();
    try {
      client = new MqttAsyncClient(settings.uri(), settings.clientId(), new MemoryPersistence());
      client.setCallback(
          new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
              lossListener.connectionLost(cause);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
              listener.arrived(topic, message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
          });
      MqttConnectOptions options = new MqttConnectOptions();
      options.setCleanSession(true);
      options.setAutomaticReconnect(false);
      options.setMaxInflight(settings.pahoMaxInflight());
      options.setConnectionTimeout((int) Math.max(1, settings.connectTimeout().toSeconds()));
      options.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
      options.setWill(will.topic(), will.payload(), 1, true);
      if (socketFactory != null) {
        options.setSocketFactory(socketFactory);
        options.setHttpsHostnameVerificationEnabled(true);
      }
      MqttConnection connection = settings.connection();
      if (connection.username() != null) {
        options.setUserName(connection.username());
      }
      if (connection.password() != null) {
        options.setPassword(connection.password());
      }
      client.connect(options).waitForCompletion(settings.connectTimeout().toMillis() + 1000);
    } catch (MqttException e) {
      closeClient();
      throw new TransportException(
          settings.connection().connectFailure(e.getMessage(), e.getReasonCode()), e);
    }
  }

  @Override
  public synchronized boolean isConnected() {
    return client != null && client.isConnected();
  }

  @Override
  public synchronized void subscribe(String topic, MessageListener messageListener) {
    if (client == null) {
      throw new TransportException("not connected", null);
    }
    this.listener = messageListener;
    try {
      IMqttToken token = client.subscribe(topic, 1);
      token.waitForCompletion(settings.connectTimeout().toMillis() + 1000);
      int[] granted = token.getGrantedQos();
      if (granted == null || granted.length == 0 || granted[0] == 0x80) {
        // Paho reports a refused subscription (SUBACK 0x80, e.g. the ACL hides it) as success.
        throw new TransportException(
            "the broker refused the subscription to " + topic + " (check its ACL)", null);
      }
    } catch (MqttException e) {
      throw new TransportException("subscribing to " + topic + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void publish(String topic, byte[] payload, boolean retained, Runnable onAck) {
    // Not acknowledged: the record stays unsent and is published again after reconnect.
    publish(topic, payload, 1, retained, onAck, () -> {});
  }

  @Override
  public void publishBestEffort(String topic, byte[] payload, Runnable done) {
    publish(topic, payload, 0, false, done, done);
  }

  private void publish(
      String topic,
      byte[] payload,
      int qos,
      boolean retained,
      Runnable onSuccess,
      Runnable onFailure) {
    MqttAsyncClient current;
    synchronized (this) {
      current = client;
    }
    if (current == null) {
      throw new TransportException("not connected", null);
    }
    try {
      current.publish(
          topic,
          payload,
          qos,
          retained,
          null,
          new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
              onSuccess.run();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable cause) {
              onFailure.run();
            }
          });
    } catch (MqttException e) {
      throw new TransportException("publishing to " + topic + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    if (client != null && client.isConnected()) {
      try {
        client.disconnect().waitForCompletion(2000);
      } catch (MqttException e) {
        // Closing anyway.
      }
    }
    closeClient();
  }

  private void closeClient() {
    if (client != null) {
      try {
        client.close(true);
      } catch (MqttException e) {
        // Already closed.
      }
      client = null;
    }
  }
}
