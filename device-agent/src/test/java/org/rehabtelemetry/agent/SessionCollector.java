package org.rehabtelemetry.agent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.MessageCodec;
import org.rehabtelemetry.protocol.SampleBatch;
import org.rehabtelemetry.protocol.SessionSummary;

/**
 * A persistent subscriber (QoS 1, survives broker restarts) that keeps every decoded device
 * message, for checking sessions end to end. Thread-safe.
 */
final class SessionCollector implements AutoCloseable {
  final List<Message> messages = new CopyOnWriteArrayList<>();
  private final MessageCodec codec = new MessageCodec();
  private final MqttClient client;

  SessionCollector(String brokerUri) throws Exception {
    client = new MqttClient(brokerUri, "collector", new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(false);
    options.setAutomaticReconnect(true);
    options.setMaxReconnectDelay(500);
    client.setCallback(
        new MqttCallbackExtended() {
          @Override
          public void connectComplete(boolean reconnect, String serverUri) {}

          @Override
          public void connectionLost(Throwable cause) {}

          @Override
          public void messageArrived(String topic, MqttMessage message) {
            messages.add(codec.decode(topic, message.getPayload()));
          }

          @Override
          public void deliveryComplete(IMqttDeliveryToken token) {}
        });
    client.connect(options);
    client.subscribe("rehab/v1/+/+/+", 1);
  }

  /** Messages of one session by seq, first arrival kept; and the order seqs first arrived in. */
  Map<Long, Message> bySeq(String sessionId, List<Long> firstArrivalOrder) {
    Map<Long, Message> bySeq = new LinkedHashMap<>();
    for (Message message : messages) {
      message
          .sessionRef()
          .filter(ref -> ref.sessionId().equals(sessionId))
          .ifPresent(
              ref -> {
                if (!bySeq.containsKey(ref.seq())) {
                  bySeq.put(ref.seq(), message);
                  firstArrivalOrder.add(ref.seq());
                }
              });
    }
    return bySeq;
  }

  SessionSummary summary(String sessionId) {
    for (Message message : messages) {
      if (message instanceof SessionSummary summary
          && summary.session().sessionId().equals(sessionId)) {
        return summary;
      }
    }
    return null;
  }

  /** Every value of a channel in the session's batches, by sample time, duplicates removed. */
  static List<Double> values(Map<Long, Message> bySeq, String channel) {
    TreeMap<Long, Double> byTime = new TreeMap<>();
    for (Message message : bySeq.values()) {
      if (message instanceof SampleBatch batch) {
        batch.channels().stream()
            .filter(c -> c.channel().equals(channel))
            .forEach(
                c -> {
                  for (int i = 0; i < c.size(); i++) {
                    byTime.put(batch.t0Us() + c.offsetUs(i), c.value(i));
                  }
                });
      }
    }
    return new ArrayList<>(byTime.values());
  }

  @Override
  public void close() throws Exception {
    client.disconnect();
    client.close();
  }
}
