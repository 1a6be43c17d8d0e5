/**
 * The gateway's HTTP endpoints: Prometheus metrics and the operator API (the dashboard arrives
 * later).
 */
package org.rehabtelemetry.gateway.web;
