/**
 * Trace library and replay through the real drivers, fleet load, fault injection and the
 * one-command demo. Arrives with the simulator issue.
 */
package org.rehabtelemetry.simulator;
