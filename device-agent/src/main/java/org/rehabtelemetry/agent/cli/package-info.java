/** The agent's command line (picocli): run, check-hardware, and the control API's commands. */
package org.rehabtelemetry.agent.cli;
