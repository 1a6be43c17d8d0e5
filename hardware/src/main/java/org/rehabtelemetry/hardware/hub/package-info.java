/**
 * The sensor-hub serial protocol ({@code docs/sensor-hub-protocol.md}): frame writer, a
 * resynchronising frame parser, and the driver that turns frames into readings.
 */
package org.rehabtelemetry.hardware.hub;
