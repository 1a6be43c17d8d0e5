package org.rehabtelemetry.protocol;

import java.util.Optional;

/**
 * A change in one alarm's life cycle, published on the {@code alarm} topic.
 *
 * <p>An alarm raised while a session runs carries that session and takes the session's next
 * sequence number; one raised while the device is idle (an e-stop pressed between sessions, a
 * sensor fault) carries no session. {@code alarmId} is the same for the {@code raised}, {@code
 * acknowledged} and {@code cleared} messages of one alarm.
 *
 * @param session the session and this message's sequence number, or {@code null} when idle
 * @param alarmId opaque id, unique per device, shared by all states of one alarm
 * @param state raised, acknowledged or cleared
 * @param code the condition in upper snake case, e.g. {@code SPO2_LOW}, {@code ESTOP}
 * @param priority IEC 60601-1-8 priority
 * @param latched whether the alarm stays until a person resets it even after the condition ends
 * @param channel the channel that triggered it, or {@code null} (e.g. for the e-stop)
 * @param value the value that triggered it, in the channel's unit, or {@code null}
 * @param limit the limit it crossed, in the channel's unit, or {@code null}
 * @param message a short text for the therapist and the operator
 */
public record AlarmEvent(
    Header header,
    SessionRef session,
    String alarmId,
    AlarmState state,
    String code,
    AlarmPriority priority,
    boolean latched,
    String channel,
    Double value,
    Double limit,
    String message)
    implements Message {

  public AlarmEvent {
    Identifiers.requireNonNull("header", header);
    Identifiers.opaqueId("alarmId", alarmId);
    Identifiers.requireNonNull("state", state);
    Identifiers.code("code", code);
    Identifiers.requireNonNull("priority", priority);
    if (channel != null) {
      Identifiers.name("channel", channel);
    }
    if (value != null) {
      Maps.finite("value", value);
    }
    if (limit != null) {
      Maps.finite("limit", limit);
    }
    Identifiers.text("message", message);
  }

  @Override
  public MessageType type() {
    return MessageType.ALARM;
  }

  @Override
  public Optional<SessionRef> sessionRef() {
    return Optional.ofNullable(session);
  }
}
