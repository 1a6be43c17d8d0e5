package org.rehabtelemetry.protocol;

/**
 * A message, topic or field that breaks the wire contract.
 *
 * <p>The only exception type the codec throws for bad input. {@link #field()} is a path into the
 * message such as {@code channels[2].values[7]}, or {@code (payload)} / {@code (topic)} when the
 * fault is not in one field; {@link #reason()} says what is wrong in words an operator can act on.
 */
public final class ProtocolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Pseudo-field used when the whole payload is at fault (size, syntax). */
  public static final String PAYLOAD = "(payload)";

  /** Pseudo-field used when the MQTT topic is at fault. */
  public static final String TOPIC = "(topic)";

  private final String field;
  private final String reason;

  public ProtocolException(String field, String reason) {
    super("field '" + field + "': " + reason);
    this.field = field;
    this.reason = reason;
  }

  public ProtocolException(String field, String reason, Throwable cause) {
    super("field '" + field + "': " + reason, cause);
    this.field = field;
    this.reason = reason;
  }

  /** The path of the offending field, e.g. {@code seq} or {@code channels[0].offsetsUs[3]}. */
  public String field() {
    return field;
  }

  /** What is wrong with the field, without the field name. */
  public String reason() {
    return reason;
  }
}
