package org.rehabtelemetry.protocol;

import java.util.Optional;

/**
 * One message of the wire contract. Implementations are immutable records that validate themselves
 * on construction, so an instance that exists is always valid and encodable.
 */
public sealed interface Message
    permits DeviceStatus,
        SessionEvent,
        SampleBatch,
        AlarmEvent,
        SessionSummary,
        LostRecords,
        LiveSamples,
        DeviceCommand {

  /** Device, boot and time of the message. */
  Header header();

  /** The message type, which fixes the last topic level. */
  MessageType type();

  /** The session this message belongs to, if any. */
  default Optional<SessionRef> sessionRef() {
    return Optional.empty();
  }
}
