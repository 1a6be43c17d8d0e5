/** The gateway's command line (picocli): run, hash-password. */
package org.rehabtelemetry.gateway.cli;
