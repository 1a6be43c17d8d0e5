/** The gateway's Prometheus metrics, by the Prometheus Java client. */
package org.rehabtelemetry.gateway.metrics;
