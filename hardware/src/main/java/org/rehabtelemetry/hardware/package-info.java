/**
 * Sensor drivers for the rehabilitation devices and the ports they read through.
 *
 * <ul>
 *   <li>{@code port}: the narrow interfaces drivers depend on ({@link
 *       org.rehabtelemetry.hardware.port.SerialLink}, {@link
 *       org.rehabtelemetry.hardware.port.DigitalLine}, {@link
 *       org.rehabtelemetry.hardware.port.RegisterBus}, {@link
 *       org.rehabtelemetry.hardware.port.MonotonicClock}).
 *   <li>{@code hub}, {@code oximeter}: serial drivers; {@code gpio}: e-stop, buttons, switches,
 *       flow meter; {@code i2c}: the MPU6050 tilt sensor.
 *   <li>{@code fault}: the fault counters and sensor status every driver reports.
 *   <li>{@code profile}: device profiles (channels, ranges, rates, alarm limits, wiring) as YAML.
 *   <li>{@code jssc}, {@code pi4j}: the only packages that import jssc or Pi4J.
 *   <li>{@code fake}: in-memory ports for tests and the simulator.
 * </ul>
 */
package org.rehabtelemetry.hardware;
