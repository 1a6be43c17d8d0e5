/**
 * MQTT to InfluxDB ingest with manual acks and dead letters, session completeness, and the
 * operator's dashboard. Arrives with the gateway issue.
 */
package org.rehabtelemetry.gateway;
