package org.rehabtelemetry.gateway.ingest;

/**
 * One message as the broker delivered it, to be acknowledged once it is stored or kept as a dead
 * letter.
 *
 * @param topic the topic it came on
 * @param payload its bytes (not copied; never modified)
 * @param messageId the MQTT packet id, unique per connection
 * @param qos its QoS
 * @param connection which connection delivered it: an id from an earlier connection must never be
 *     acknowledged (it could acknowledge another message); the broker delivers it again
 */
// The payload is the raw bytes the broker delivered, passed on without a copy; deliveries are
// never compared, hashed or printed, so the array's identity-based equals and toString do not
// matter.
@SuppressWarnings("ArrayRecordComponent")
public record Delivery(String topic, byte[] payload, int messageId, int qos, long connection) {}
