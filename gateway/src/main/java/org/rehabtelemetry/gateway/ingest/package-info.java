/**
 * MQTT ingest with nothing lost: a persistent subscription with manual acks, behind the {@link
 * org.rehabtelemetry.gateway.ingest.InboundBroker} port; a message is acknowledged only after its
 * points are stored or it is kept as a dead letter; memory bounded by weight, names by {@link
 * org.rehabtelemetry.gateway.ingest.CardinalityGuard}.
 */
package org.rehabtelemetry.gateway.ingest;
