package org.rehabtelemetry.gateway.ingest;

import java.util.Optional;
import org.rehabtelemetry.protocol.MessageKey;
import org.rehabtelemetry.protocol.MessageType;
import org.rehabtelemetry.protocol.ProtocolException;
import org.rehabtelemetry.protocol.Topic;

/**
 * Who sent a dead letter and which message it was, as far as its untrusted topic and payload tell,
 * for the listeners of {@link IngestListener#deadLettered} (receipts, completeness). Immutable.
 *
 * @param topic the device topic it came on (never {@code cmd})
 * @param key the message's key, read without decoding it
 */
public record DeadLetterSender(Topic topic, MessageKey key) {
  /**
   * The sender and key of a dead letter, or empty when the topic is not a device's, is the
   * gateway's own {@code cmd}, or the payload has no key to name.
   */
  public static Optional<DeadLetterSender> of(String topic, byte[] payload) {
    Topic parsed;
    try {
      parsed = Topic.parse(topic);
    } catch (ProtocolException e) {
      return Optional.empty(); // not a device topic: nobody to tell
    }
    if (parsed.type() == MessageType.COMMAND) {
      return Optional.empty();
    }
    return MessageKey.peek(payload).map(key -> new DeadLetterSender(parsed, key));
  }

  /** A dead letter's reason as one line of at most 200 chars, fit for a command or a screen. */
  public static String shortReason(String reason) {
    StringBuilder clean = new StringBuilder();
    (reason == null ? "?" : reason)
        .codePoints()
        .forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
    String line = clean.toString();
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
