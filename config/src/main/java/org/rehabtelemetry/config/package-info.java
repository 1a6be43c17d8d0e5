/**
 * Strict reading of YAML config files: {@link org.rehabtelemetry.config.ConfigNode} names the key
 * path in every error and rejects unknown keys; {@link org.rehabtelemetry.config.ConfigException}
 * reads {@code FILE: KEY: problem, was VALUE}.
 */
package org.rehabtelemetry.config;
