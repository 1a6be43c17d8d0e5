/** InfluxDB 1.x: its settings, its {@code /write} sink and its InfluxQL sequence query. */
package org.rehabtelemetry.gateway.storage.influxv1;
