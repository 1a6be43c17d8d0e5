/**
 * The agent's local HTTP control API (JSON on 127.0.0.1 by default), used by the touch UI and the
 * CLI. Built on the JDK's HTTP server: no framework to carry on a Pi.
 */
package org.rehabtelemetry.agent.api;
