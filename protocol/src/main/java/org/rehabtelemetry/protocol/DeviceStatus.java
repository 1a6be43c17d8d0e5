package org.rehabtelemetry.protocol;

/**
 * Birth, status and Last Will of a device, published retained on the {@code status} topic.
 *
 * <p>The agent publishes {@code online} on every connect (its birth) and whenever its state
 * changes, and registers an {@code offline} message as its MQTT Last Will, which the broker
 * publishes if the connection is lost. The Last Will is built at connect time, so its {@code time}
 * is the connect time, not the time of the loss.
 *
 * @param state online or offline
 * @param kind the kind of equipment
 * @param agentVersion the agent software version
 * @param clockSynchronised whether the device's wall clock was synchronised (NTP) when sent
 * @param currentSessionId the running or paused session, or {@code null} when idle
 * @param reason why the state changed, or {@code null}; free text, e.g. {@code connection lost}
 */
public record DeviceStatus(
    Header header,
    DeviceState state,
    DeviceKind kind,
    String agentVersion,
    boolean clockSynchronised,
    String currentSessionId,
    String reason)
    implements Message {

  public DeviceStatus {
    Identifiers.requireNonNull("header", header);
    Identifiers.requireNonNull("state", state);
    Identifiers.requireNonNull("kind", kind);
    Identifiers.version("agentVersion", agentVersion);
    if (currentSessionId != null) {
      Identifiers.opaqueId("currentSessionId", currentSessionId);
    }
    if (reason != null) {
      Identifiers.text("reason", reason);
    }
  }

  @Override
  public MessageType type() {
    return MessageType.STATUS;
  }
}
