/** The {@link org.rehabtelemetry.gateway.ingest.InboundBroker} adapter on Paho's MQTT v3 client. */
package org.rehabtelemetry.gateway.mqtt;
