package org.rehabtelemetry.protocol;

/** An enum with a fixed lower-case spelling on the wire. */
public interface WireEnum {
  /** The spelling used in JSON payloads and topics. */
  String wireName();

  /**
   * Looks up the constant with the given wire name.
   *
   * @throws ProtocolException naming {@code field} and the allowed values if there is none
   */
  static <E extends Enum<E> & WireEnum> E parse(Class<E> type, String field, String wireName) {
    Identifiers.requireNonNull(field, wireName);
    for (E constant : type.getEnumConstants()) {
      if (constant.wireName().equals(wireName)) {
        return constant;
      }
    }
    StringBuilder allowed = new StringBuilder();
    for (E constant : type.getEnumConstants()) {
      allowed.append(allowed.length() == 0 ? "" : ", ").append(constant.wireName());
    }
    throw new ProtocolException(
        field, "must be one of [" + allowed + "], was " + Identifiers.quote(wireName));
  }
}
