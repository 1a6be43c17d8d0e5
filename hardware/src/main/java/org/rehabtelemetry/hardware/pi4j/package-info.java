/**
 * The {@link org.rehabtelemetry.hardware.port.DigitalLine} and {@link
 * org.rehabtelemetry.hardware.port.RegisterBus} adapters for Pi4J 2.x.
 */
package org.rehabtelemetry.hardware.pi4j;
