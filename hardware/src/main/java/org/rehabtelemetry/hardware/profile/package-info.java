/**
 * Device profiles: one YAML file per device kind naming its channels (units, physical ranges,
 * rates), programmes, default alarm limits and wiring (which driver, serial port, GPIO pins, I²C
 * address). A new unit or a second device on other pins is a new file, not code. {@link
 * org.rehabtelemetry.hardware.profile.DeviceProfiles} loads and validates them; a bad profile fails
 * at start-up with a {@link org.rehabtelemetry.config.ConfigException} naming the file, the key and
 * the value.
 */
package org.rehabtelemetry.hardware.profile;
