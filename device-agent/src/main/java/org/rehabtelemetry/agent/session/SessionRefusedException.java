package org.rehabtelemetry.agent.session;

import java.util.Map;

/**
 * A session command that cannot be carried out now. The message is for the therapist, in English,
 * e.g. "The emergency stop is latched: reset it on the device before starting."; the {@link
 * #code()} and {@link #arguments()} let a screen say the same in the device's language.
 */
public final class SessionRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final Map<String, String> arguments;

  public SessionRefusedException(String message) {
    this("refused", Map.of(), message);
  }

  /**
   * @param code what kind of refusal, e.g. {@code patient-code}, {@code setting-range}
   * @param arguments the values the sentence names, e.g. {@code setting}, {@code min}, {@code max}
   */
  public SessionRefusedException(String code, Map<String, String> arguments, String message) {
    super(message);
    this.code = code;
    this.arguments = Map.copyOf(arguments);
  }

  public String code() {
    return code;
  }

  public Map<String, String> arguments() {
    return arguments;
  }
}
