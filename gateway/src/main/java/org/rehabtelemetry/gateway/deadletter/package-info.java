/** Dead letters: what could not be stored, kept durably with its reason, within bounds. */
package org.rehabtelemetry.gateway.deadletter;
