/**
 * What the hardware and the journal tell the agent, routed to where it matters: readings to the
 * recorder, the rules and the live view; sensor health, journal trouble and clock jumps to
 * technical alarms.
 */
package org.rehabtelemetry.agent.monitor;
