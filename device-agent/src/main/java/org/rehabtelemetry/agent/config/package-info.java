/**
 * The agent's configuration: an immutable record read from a commented YAML file and validated at
 * start.
 */
package org.rehabtelemetry.agent.config;
