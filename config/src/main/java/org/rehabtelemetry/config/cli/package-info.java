/** What the runnables' command lines share: exit codes and how failures are reported. */
package org.rehabtelemetry.config.cli;
