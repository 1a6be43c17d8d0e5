package org.rehabtelemetry.protocol;

/**
 * A message, topic or field that breaks the wire contract.
 *
 * <p>The only exception type the codec throws for bad input. {@link #field()} is a path into the
 * message such as {@code channels[2].values[7]}, or {@code (payload)} / {@code (topic)} when the
 * fault is not in one field; {@link #reason()} says what is wrong in words an operator can act on.
 *
 * <p>Both may quote what a device sent (a field name, a value), so both are made safe to log and
 * show here, once: control and other non-printable characters become a backslash-u escape with four
 * hex digits (as in Java source), each is cut to {@value #MAX_TEXT} characters, and an empty field
 * name reads {@code ""}. A hostile payload cannot forge log lines or flood a dashboard through an
 * error message.
 */
public final class ProtocolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Pseudo-field used when the whole payload is at fault (size, syntax). */
  public static final String PAYLOAD = "(payload)";

  /** Pseudo-field used when the MQTT topic is at fault. */
  public static final String TOPIC = "(topic)";

  private final String field;
  private final String reason;

  /** The longest field path or reason kept, in characters. */
  public static final int MAX_TEXT = 300;

  public ProtocolException(String field, String reason) {
    this(field, reason, null);
  }

  public ProtocolException(String field, String reason, Throwable cause) {
    super(message(safeField(field), safe(reason)), cause);
    this.field = safeField(field);
    this.reason = safe(reason);
  }

  /** The message of an exception whose field and reason are already safe. */
  private static String message(String safeField, String safeReason) {
    return "field '" + safeField + "': " + safeReason;
  }

  /** The field path made safe; a missing or empty one reads {@code ""}. */
  private static String safeField(String field) {
    return safe(field == null || field.isEmpty() ? "\"\"" : field);
  }

  /**
   * Printable, bounded text: non-printable characters escaped as a backslash-u escape with four hex
   * digits.
   */
  static String safe(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_TEXT) + 8);
    for (int i = 0; i < text.length() && out.length() < MAX_TEXT; i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c)
          || Character.getType(c) == Character.FORMAT
          || (Character.isSurrogate(c) && !validPair(text, i))) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (out.length() >= MAX_TEXT && text.length() > MAX_TEXT) {
      out.setLength(MAX_TEXT);
      out.append("...");
    }
    return out.toString();
  }

  private static boolean validPair(String text, int i) {
    char c = text.charAt(i);
    return (Character.isHighSurrogate(c)
            && i + 1 < text.length()
            && Character.isLowSurrogate(text.charAt(i + 1)))
        || (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1)));
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
