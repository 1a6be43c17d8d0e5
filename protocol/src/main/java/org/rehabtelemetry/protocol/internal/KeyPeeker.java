package org.rehabtelemetry.protocol.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Optional;
import org.rehabtelemetry.protocol.AlarmState;
import org.rehabtelemetry.protocol.Identifiers;
import org.rehabtelemetry.protocol.Limits;
import org.rehabtelemetry.protocol.MessageKey;
import org.rehabtelemetry.protocol.ProtocolException;
import org.rehabtelemetry.protocol.SeqRange;

/** Reads a message's {@link MessageKey} from its encoded form without decoding it. Thread-safe. */
public final class KeyPeeker {
  private static final JsonFactory FACTORY = new JsonFactory();

  private KeyPeeker() {}

  /** See {@link MessageKey#peek}. */
  public static Optional<MessageKey> peek(byte[] payload) {
    if (payload == null || payload.length > Limits.MAX_MESSAGE_BYTES) {
      return Optional.empty();
    }
    String type = null;
    String sessionId = null;
    long seq = -1;
    String alarmId = null;
    String state = null;
    try (JsonParser json = FACTORY.createParser(payload)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        JsonToken value = json.nextToken();
        switch (field) {
          case "type" -> type = value == JsonToken.VALUE_STRING ? json.getText() : null;
          case "sessionId" -> sessionId = value == JsonToken.VALUE_STRING ? json.getText() : null;
          case "seq" -> seq = value == JsonToken.VALUE_NUMBER_INT ? json.getLongValue() : -1;
          case "alarmId" -> alarmId = value == JsonToken.VALUE_STRING ? json.getText() : null;
          case "state" -> state = value == JsonToken.VALUE_STRING ? json.getText() : null;
          default -> json.skipChildren();
        }
        if (sessionId != null && seq >= 0) {
          return Optional.of(
              new MessageKey.InSession(
                  Identifiers.opaqueId("sessionId", sessionId), new SeqRange(seq, seq).first()));
        }
      }
      if ("alarm".equals(type) && alarmId != null && state != null) {
        return Optional.of(
            new MessageKey.IdleAlarm(
                Identifiers.opaqueId("alarmId", alarmId), AlarmState.parse("state", state)));
      }
      return Optional.empty();
    } catch (IOException | ProtocolException e) {
      return Optional.empty();
    }
  }
}
