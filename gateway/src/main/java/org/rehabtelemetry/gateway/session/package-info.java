/**
 * What the gateway knows about sessions: completeness (received against expected, with the gaps).
 */
package org.rehabtelemetry.gateway.session;
