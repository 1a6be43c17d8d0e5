/**
 * Publishing the journal over MQTT: the {@link org.rehabtelemetry.agent.publish.MqttTransport}
 * port, its Paho adapter, and {@link org.rehabtelemetry.agent.publish.JournalPublisher}, which
 * sends journaled records in order and acknowledges them on PUBACK.
 */
package org.rehabtelemetry.agent.publish;
