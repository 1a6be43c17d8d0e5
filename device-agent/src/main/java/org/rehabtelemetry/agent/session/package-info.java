/** Therapy sessions: the state machine, the running session and its records. */
package org.rehabtelemetry.agent.session;
