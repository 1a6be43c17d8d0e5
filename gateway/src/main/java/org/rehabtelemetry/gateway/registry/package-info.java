/** What the gateway knows about each device: online state, last seen, version, session, alarms. */
package org.rehabtelemetry.gateway.registry;
