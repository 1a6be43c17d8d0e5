package org.rehabtelemetry.protocol;

import java.util.Map;
import java.util.Optional;

/**
 * A transition of a therapy session, published on the {@code session} topic.
 *
 * <p>The {@code started} event is the only one that names the patient and the programme; every
 * other event carries neither. Patient codes are pseudonymous (see {@link
 * Identifiers#patientCode}).
 *
 * @param session the session and this event's sequence number ({@code started} has seq 0)
 * @param event the transition
 * @param reason why, in a few words: {@code therapist}, {@code button}, {@code e-stop latched},
 *     {@code power loss found at restart}; required for every event
 * @param patientCode the pseudonymous patient code; required for {@code started}, else null
 * @param programme the programme name from the device profile, e.g. {@code standing} or {@code
 *     passive}; required for {@code started}, else null
 * @param settings the programme's numeric settings with units in their names, e.g. {@code
 *     targetTiltDeg=60, standingMin=20}; empty for events other than {@code started}
 */
public record SessionEvent(
    Header header,
    SessionRef session,
    SessionEventType event,
    String reason,
    String patientCode,
    String programme,
    Map<String, Double> settings)
    implements Message {

  public SessionEvent {
    Identifiers.requireNonNull("header", header);
    Identifiers.requireNonNull("sessionId", session);
    Identifiers.requireNonNull("event", event);
    Identifiers.text("reason", reason);
    settings = Maps.numbers("settings", settings == null ? Map.of() : settings);
    if (event == SessionEventType.STARTED) {
      Identifiers.patientCode("patientCode", patientCode);
      Identifiers.name("programme", programme);
    } else {
      forbid("patientCode", patientCode, event);
      forbid("programme", programme, event);
      if (!settings.isEmpty()) {
        throw new ProtocolException("settings", "is only allowed on a 'started' event");
      }
    }
  }

  private static void forbid(String field, Object value, SessionEventType event) {
    if (value != null) {
      throw new ProtocolException(
          field, "is only allowed on a 'started' event, not '" + event.wireName() + "'");
    }
  }

  @Override
  public MessageType type() {
    return MessageType.SESSION;
  }

  @Override
  public Optional<SessionRef> sessionRef() {
    return Optional.of(session);
  }
}
