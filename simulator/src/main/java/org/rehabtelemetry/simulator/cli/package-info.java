/** The simulator's command line (picocli). */
package org.rehabtelemetry.simulator.cli;
