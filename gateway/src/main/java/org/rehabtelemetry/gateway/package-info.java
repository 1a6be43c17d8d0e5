/**
 * The gateway: MQTT to InfluxDB with nothing lost. So far: {@code storage}, the line-protocol
 * encoder, the mapping of wire messages to points, write-failure classification and the InfluxDB v1
 * write path. Ingest with manual acks, completeness and the dashboard arrive with the rest of the
 * gateway issue.
 */
package org.rehabtelemetry.gateway;
