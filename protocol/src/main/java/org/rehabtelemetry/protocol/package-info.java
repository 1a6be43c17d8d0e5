/**
 * The wire contract shared by the device agent, the gateway and the simulator.
 *
 * <p>Start with {@link org.rehabtelemetry.protocol.Message} (the message types), {@link
 * org.rehabtelemetry.protocol.Topic} (the MQTT topic tree) and {@link
 * org.rehabtelemetry.protocol.MessageCodec} (JSON encoding and strict validation). Every invalid
 * input is reported as a {@link org.rehabtelemetry.protocol.ProtocolException} that names the field
 * and the reason. {@code docs/protocol.md} documents the contract with an example of every message.
 *
 * <p>Everything in this package is immutable and thread-safe. The {@code internal} package is not
 * part of the API.
 */
package org.rehabtelemetry.protocol;
