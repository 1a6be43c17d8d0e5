/** GPIO drivers: emergency stop, start/stop button, switches and the flow meter. */
package org.rehabtelemetry.hardware.gpio;
