/**
 * The agent on each device: therapy sessions, local safety alarms, the crash-safe journal and MQTT
 * publishing. Arrives with the device-agent issue.
 */
package org.rehabtelemetry.agent;
