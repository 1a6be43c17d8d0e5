/** The {@link org.rehabtelemetry.agent.publish.MqttTransport} adapter on Paho's MQTT v3 client. */
package org.rehabtelemetry.agent.mqtt;
