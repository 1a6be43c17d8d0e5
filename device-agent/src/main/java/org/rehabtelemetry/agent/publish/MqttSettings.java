package org.rehabtelemetry.agent.publish;

import java.time.Duration;

/**
 * Broker connection settings.
 *
 * @param uri e.g. {@code tcp://broker:1883} or {@code ssl://broker:8883}
 * @param clientId unique per device, e.g. {@code agent-vert-01}
 * @param username broker user, or null
 * @param password broker password, or null; never logged
 * @param connectTimeout how long one connect attempt may block
 * @param keepAlive MQTT keep-alive interval
 * @param window records in flight (published, not yet acknowledged) at most
 * @param maxMessagesPerSecond publish rate limit, so a long outage's backlog does not flood the
 *     broker
 * @param reconnectInitial first reconnect delay; doubled up to {@code reconnectMax}, ±25 % jitter
 * @param reconnectMax the longest reconnect delay
 */
public record MqttSettings(
    String uri,
    String clientId,
    String username,
    char[] password,
    Duration connectTimeout,
    Duration keepAlive,
    int window,
    int maxMessagesPerSecond,
    Duration reconnectInitial,
    Duration reconnectMax) {

  /** Paho's own in-flight limit: twice our window, so Paho never refuses a publish (32202). */
  public int pahoMaxInflight() {
    return 2 * window;
  }

  @Override
  public String toString() {
    return "MqttSettings[uri="
        + uri
        + ", clientId="
        + clientId
        + ", username="
        + username
        + ", password="
        + (password == null ? "none" : "***")
        + ", window="
        + window
        + "]";
  }
}
