/**
 * What the gateway knows about sessions: completeness (received against expected, with the gaps),
 * tracked in bounded memory and checked against the database off the ingest writer's thread.
 */
package org.rehabtelemetry.gateway.session;
