/** The gateway's HTTP side: the operator dashboard, its API, metrics and health. */
package org.rehabtelemetry.gateway.web;
