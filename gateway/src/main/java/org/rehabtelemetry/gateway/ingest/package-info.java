/**
 * MQTT ingest with nothing lost: a shared, persistent subscription with manual acks; a message is
 * acknowledged only after its points are stored or it is kept as a dead letter.
 */
package org.rehabtelemetry.gateway.ingest;
