/** InfluxDB 2.x, 3.x and Cloud through the v2 write API (influxdb-client-java). */
package org.rehabtelemetry.gateway.storage.influxv2;
