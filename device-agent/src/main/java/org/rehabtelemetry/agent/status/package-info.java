/** What the agent shows: the status snapshot, live values and the change events of the touch UI. */
package org.rehabtelemetry.agent.status;
