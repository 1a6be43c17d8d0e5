package org.rehabtelemetry.agent.publish;

import java.time.Duration;
import org.rehabtelemetry.config.MqttConnection;

/**
 * Broker connection settings.
 *
 * @param connection the broker, the client id, credentials and TLS files
 * @param connectTimeout how long one connect attempt may block
 * @param keepAlive MQTT keep-alive interval
 * @param window records in flight (published, not yet acknowledged) at most
 * @param maxMessagesPerSecond publish rate limit, so a long outage's backlog does not flood the
 *     broker
 * @param reconnectInitial first reconnect delay; doubled up to {@code reconnectMax}, ±25 % jitter
 * @param reconnectMax the longest reconnect delay
 */
public record MqttSettings(
    MqttConnection connection,
    Duration connectTimeout,
    Duration keepAlive,
    int window,
    int maxMessagesPerSecond,
    Duration reconnectInitial,
    Duration reconnectMax) {

  public String uri() {
    return connection.uri();
  }

  public String clientId() {
    return connection.clientId();
  }

  /** Paho's own in-flight limit: twice our window, so Paho never refuses a publish (32202). */
  public int pahoMaxInflight() {
    return 2 * window;
  }
}
