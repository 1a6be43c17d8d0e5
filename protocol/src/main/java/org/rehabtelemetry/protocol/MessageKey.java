package org.rehabtelemetry.protocol;

import java.util.Optional;
import org.rehabtelemetry.protocol.internal.KeyPeeker;

/**
 * What identifies a device message for storage receipts: a session message by its session and
 * {@code seq}, an alarm raised while no session runs by its alarm id and state. Statuses and
 * commands have no key; they are not journaled and not receipted.
 */
public sealed interface MessageKey {
  /** A message of a session. */
  record InSession(String sessionId, long seq) implements MessageKey {}

  /** An alarm change with no session (the device was idle). */
  record IdleAlarm(String alarmId, AlarmState state) implements MessageKey {}

  /** The key of a decoded message, if it has one. */
  static Optional<MessageKey> of(Message message) {
    if (message.sessionRef().isPresent()) {
      SessionRef ref = message.sessionRef().get();
      return Optional.of(new InSession(ref.sessionId(), ref.seq()));
    }
    if (message instanceof AlarmEvent alarm) {
      return Optional.of(new IdleAlarm(alarm.alarmId(), alarm.state()));
    }
    return Optional.empty();
  }

  /**
   * The key of an encoded message, read without decoding the rest: it scans only the top-level
   * fields and stops as soon as it has a session key. Lenient: it does not validate the message,
   * and returns empty for anything it cannot read (so it also serves for a dead letter). Thread
   * safe; does not block.
   */
  static Optional<MessageKey> peek(byte[] payload) {
    return KeyPeeker.peek(payload);
  }
}
