package org.rehabtelemetry.protocol;

import java.util.regex.Pattern;

/**
 * The syntax of identifiers that appear in topics and payloads.
 *
 * <p>Device and site ids become MQTT topic levels, so they exclude {@code / + #}. Channel and
 * metric names become InfluxDB field or tag names, so they exclude {@code . -} and spaces. Patient
 * codes are pseudonymous: upper-case letters, digits and dashes only, which rules out a name typed
 * by mistake ("Anna Smith") and any date with slashes or dots.
 */
public final class Identifiers {
  private static final Pattern DEVICE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final Pattern SITE_ID = DEVICE_ID;
  private static final Pattern OPAQUE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
  private static final Pattern NAME = Pattern.compile("[a-z][a-zA-Z0-9_]{0,47}");
  private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]{0,31}");
  private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,47}");
  private static final Pattern PATIENT_CODE = Pattern.compile("[A-Z0-9][A-Z0-9-]{2,31}");
  private static final Pattern UNIT = Pattern.compile("[\\p{L}\\p{N}%/°·_.^-]{1,16}");
  private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+_-]{0,31}");

  private Identifiers() {}

  /**
   * A device id: 1–63 chars of {@code [a-z0-9-]}, not starting with a dash, e.g. {@code vert-01}.
   */
  public static String deviceId(String field, String value) {
    return check(
        field, value, DEVICE_ID, "a device id: 1-63 of a-z 0-9 '-', not starting with '-'");
  }

  /** A site id, same syntax as a device id, e.g. {@code ward-b}. */
  public static String siteId(String field, String value) {
    return check(field, value, SITE_ID, "a site id: 1-63 of a-z 0-9 '-', not starting with '-'");
  }

  /** An opaque id (boot, session, alarm, command): 1–64 of {@code [A-Za-z0-9_-]}. */
  public static String opaqueId(String field, String value) {
    return check(field, value, OPAQUE_ID, "an opaque id: 1-64 of A-Z a-z 0-9 '_' '-'");
  }

  /** A channel, setting or metric name in camel or snake case, e.g. {@code tiltDeg}. */
  public static String name(String field, String value) {
    return check(
        field, value, NAME, "a name: a lower-case letter, then up to 47 of A-Z a-z 0-9 '_'");
  }

  /** A device kind: a lower-case letter, then up to 31 of {@code [a-z0-9-]}, e.g. {@code sauna}. */
  public static String kind(String field, String value) {
    return check(field, value, KIND, "a device kind: a-z, then up to 31 of a-z 0-9 '-'");
  }

  /** An alarm or command code in upper snake case, e.g. {@code SPO2_LOW}. */
  public static String code(String field, String value) {
    return check(field, value, CODE, "a code: an upper-case letter, then up to 47 of A-Z 0-9 '_'");
  }

  /** A pseudonymous patient code, e.g. {@code P-7F3A}. Never a name or a birth date. */
  public static String patientCode(String field, String value) {
    requireNonNull(field, value);
    if (!PATIENT_CODE.matcher(value).matches()) {
      // The rejected value is not repeated: it may be a name typed by mistake.
      throw new ProtocolException(
          field,
          "must be a pseudonymous patient code: 3-32 of A-Z 0-9 '-' (never a name or birth"
              + " date); the value given is not repeated here");
    }
    return value;
  }

  /** A unit symbol such as {@code deg}, {@code kg}, {@code %}, {@code /min}, {@code °C}. */
  public static String unit(String field, String value) {
    return check(field, value, UNIT, "a unit: 1-16 letters, digits or % / ° · _ . ^ -");
  }

  /** A software version such as {@code 0.1.0-SNAPSHOT}. */
  public static String version(String field, String value) {
    return check(field, value, VERSION, "a version: 1-32 of 0-9 A-Z a-z . + _ -");
  }

  /** Free text for humans: at most {@link Limits#MAX_TEXT_LENGTH} chars, no control characters. */
  public static String text(String field, String value) {
    requireNonNull(field, value);
    if (value.length() > Limits.MAX_TEXT_LENGTH) {
      throw new ProtocolException(
          field, "is " + value.length() + " chars long, the limit is " + Limits.MAX_TEXT_LENGTH);
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new ProtocolException(field, "contains a control character at index " + i);
      }
    }
    return value;
  }

  static void requireNonNull(String field, Object value) {
    if (value == null) {
      throw new ProtocolException(field, "is required");
    }
  }

  private static String check(String field, String value, Pattern pattern, String expected) {
    requireNonNull(field, value);
    if (!pattern.matcher(value).matches()) {
      throw new ProtocolException(field, "must be " + expected + ", was " + quote(value));
    }
    return value;
  }

  /** Quotes a bad value for an error message, shortened so a huge value cannot flood a log. */
  static String quote(String value) {
    String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < shown.length(); i++) {
      char c = shown.charAt(i);
      out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : c);
    }
    return out.append('"').toString();
  }
}
