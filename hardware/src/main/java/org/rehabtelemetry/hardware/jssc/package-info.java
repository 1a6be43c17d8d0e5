/** The {@link org.rehabtelemetry.hardware.port.SerialLink} adapter for jssc. */
package org.rehabtelemetry.hardware.jssc;
