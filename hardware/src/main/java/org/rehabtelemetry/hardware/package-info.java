/**
 * Sensor ports (serial link, digital line, register bus, clock), drivers and device profiles. Only
 * adapter packages import jssc or Pi4J. Arrives with the hardware issue.
 */
package org.rehabtelemetry.hardware;
