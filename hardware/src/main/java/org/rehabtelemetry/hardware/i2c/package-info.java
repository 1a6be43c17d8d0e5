/** I²C sensor drivers over the {@link org.rehabtelemetry.hardware.port.RegisterBus} port. */
package org.rehabtelemetry.hardware.i2c;
