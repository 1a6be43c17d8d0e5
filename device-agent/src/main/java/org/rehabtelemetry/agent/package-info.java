/**
 * The agent on each device. So far: {@code journal}, the crash-safe store-and-forward journal.
 * Sessions, local alarms, publishing, the touch UI and the CLI arrive with the rest of the
 * device-agent issue.
 */
package org.rehabtelemetry.agent;
