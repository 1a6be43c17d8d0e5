/**
 * The gateway's configuration: an immutable record from a commented YAML file, validated at start.
 */
package org.rehabtelemetry.gateway.config;
