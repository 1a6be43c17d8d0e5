/**
 * The commands a therapist gives the device (touch UI, control API, CLI, start button), checked
 * before anything changes, and the observers of a session's life cycle.
 */
package org.rehabtelemetry.agent.control;
