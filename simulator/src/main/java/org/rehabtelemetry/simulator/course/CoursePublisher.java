package org.rehabtelemetry.simulator.course;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.hardware.profile.DeviceProfiles;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.protocol.DeviceState;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.MessageCodec;
import org.rehabtelemetry.protocol.Topic;
import org.rehabtelemetry.simulator.fleet.FleetCredentials;

/**
 * Publishes a course to the broker, session by session, at QoS 1 with at most {@value #WINDOW}
 * publishes awaiting the broker's acknowledgement; the device goes online first and offline
 * (retained) at the end. Blocks for the whole course (a few seconds for the example) and fails if
 * any publish does. Not thread-safe: one course at a time.
 */
public final class CoursePublisher {
  private final String brokerUri;
  private final String site;
  private final FleetCredentials credentials;
  private static final int WINDOW = 50;

  private final MessageCodec codec = new MessageCodec();

  /**
   * @param credentials for a secured broker, or null
   */
  public CoursePublisher(String brokerUri, String site, FleetCredentials credentials) {
    this.brokerUri = brokerUri;
    this.site = site;
    this.credentials = credentials;
  }

  /**
   * Publishes the whole course.
   *
   * @return how many messages the broker acknowledged
   */
  public long publish(CourseScript script, Clock clock) throws MqttException {
    DeviceProfile profile = DeviceProfiles.builtIn(DeviceKind.VERTICALIZER);
    MqttAsyncClient client =
        new MqttAsyncClient(brokerUri, "course-" + script.deviceId(), new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    options.setMaxInflight(1000); // Paho's count lags the tokens a little: room above WINDOW
    if (credentials != null) {
      credentials.apply(options, script.deviceId());
    }
    client.connect(options).waitForCompletion(15_000);
    long sent = 0;
    try {
      Instant now = clock.instant();
      sent += send(client, CourseMessages.status(script, DeviceState.ONLINE, now), false);
      List<Instant> starts = script.starts(now);
      for (int i = 0; i < starts.size(); i++) {
        for (Message message : CourseMessages.session(script, profile, i, starts.get(i))) {
          sent += send(client, message, false);
        }
      }
      sent +=
          send(client, CourseMessages.status(script, DeviceState.OFFLINE, clock.instant()), true);
      for (IMqttDeliveryToken token : pending) {
        token.waitForCompletion(30_000);
      }
    } finally {
      client.disconnect().waitForCompletion(10_000);
      client.close();
    }
    return sent;
  }

  private final ArrayDeque<IMqttDeliveryToken> pending = new ArrayDeque<>();

  /** Publishes one message, first waiting for the oldest when the window is full. */
  private long send(MqttAsyncClient client, Message message, boolean retained)
      throws MqttException {
    while (pending.size() >= WINDOW) {
      pending.removeFirst().waitForCompletion(30_000);
    }
    pending.addLast(
        client.publish(
            new Topic(site, message.header().deviceId(), message.type()).toString(),
            codec.encode(message),
            1,
            retained));
    return 1;
  }
}
