package org.rehabtelemetry.protocol;

import java.time.Instant;
import org.rehabtelemetry.protocol.internal.MessageDecoder;
import org.rehabtelemetry.protocol.internal.MessageEncoder;

/**
 * Encodes messages to JSON and decodes and validates JSON payloads.
 *
 * <p>Decoding is strict: the payload must be at most {@link Limits#MAX_MESSAGE_BYTES}, valid UTF-8
 * JSON with no duplicate keys, carry {@code "schema": 1}, a known {@code type}, every required
 * field with the right type and range, and no field the contract does not define. Any fault throws
 * one {@link ProtocolException} naming the field and the reason; nothing else is thrown for bad
 * input. Encoding never produces a payload that decoding would reject.
 *
 * <p>Thread-safe; one instance can serve all threads. Calls do not block.
 */
public final class MessageCodec {
  private final MessageEncoder encoder = new MessageEncoder();
  private final MessageDecoder decoder = new MessageDecoder();

  /** Encodes a message as UTF-8 JSON. */
  public byte[] encode(Message message) {
    return encoder.encode(message);
  }

  /** Decodes and validates a payload received without a topic (e.g. from a journal). */
  public Message decode(byte[] payload) {
    return decoder.decode(payload);
  }

  /**
   * Decodes a payload received on an MQTT topic, checks that the topic agrees with it, and that its
   * times lie within {@code window} of the receiver's clock {@code now} (see {@link TimeWindow}).
   *
   * @throws ProtocolException for anything a receiver must not store
   */
  public Message decode(String topic, byte[] payload, Instant now, TimeWindow window) {
    Message message = decode(topic, payload);
    window.check(message, now);
    return message;
  }

  /**
   * Decodes a payload received on an MQTT topic and checks that the topic agrees with it: the last
   * level must be the message's type and the device level its device id.
   *
   * @return the message; use {@link Topic#parse} for the site
   */
  public Message decode(String topic, byte[] payload) {
    Topic parsed = Topic.parse(topic);
    Message message = decoder.decode(payload);
    if (parsed.type() != message.type()) {
      throw new ProtocolException(
          "type",
          "is '"
              + message.type().wireName()
              + "' but the topic says '"
              + parsed.type().wireName()
              + "'");
    }
    if (!parsed.deviceId().equals(message.header().deviceId())) {
      throw new ProtocolException(
          "deviceId",
          "is '"
              + message.header().deviceId()
              + "' but the topic says '"
              + parsed.deviceId()
              + "'");
    }
    return message;
  }
}
