/**
 * The reader loop shared by serial drivers: reads, reconnects after unplugging, detects silence.
 */
package org.rehabtelemetry.hardware.serial;
