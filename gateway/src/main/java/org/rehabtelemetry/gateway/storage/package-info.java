/**
 * Storage: points in line protocol, one {@link org.rehabtelemetry.gateway.storage.TimeSeriesSink}
 * port with write paths for InfluxDB v1 and v2, and the pure retry classification. The schema is
 * documented in {@code docs/storage.md}.
 */
package org.rehabtelemetry.gateway.storage;
