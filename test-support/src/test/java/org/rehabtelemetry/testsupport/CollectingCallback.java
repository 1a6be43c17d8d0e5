package org.rehabtelemetry.testsupport;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/** Collects the payloads of every message a Paho client receives, as UTF-8 strings. */
final class CollectingCallback implements MqttCallback {
  private final List<String> received;

  CollectingCallback(List<String> received) {
    this.received = received;
  }

  @Override
  public void connectionLost(Throwable cause) {}

  @Override
  public void messageArrived(String topic, MqttMessage message) {
    received.add(new String(message.getPayload(), UTF_8));
  }

  @Override
  public void deliveryComplete(IMqttDeliveryToken token) {}
}
