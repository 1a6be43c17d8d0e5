package org.rehabtelemetry.config;

/**
 * A configuration file (device profile, agent or gateway config) that cannot be used. The message
 * reads {@code FILE: KEY: what is wrong, was VALUE}, so an installer can fix it without reading
 * code.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final String key;

  public ConfigException(String file, String key, String problem) {
    super(file + ": " + key + ": " + problem);
    this.file = file;
    this.key = key;
  }

  /** The file (or resource) name. */
  public String file() {
    return file;
  }

  /** The dotted key path, e.g. {@code wiring.gpio.emergencyStop.pin}. */
  public String key() {
    return key;
  }
}
