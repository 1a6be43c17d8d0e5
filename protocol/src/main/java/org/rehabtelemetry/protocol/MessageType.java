package org.rehabtelemetry.protocol;

/** The kind of a message; its wire name is both the {@code type} field and the last topic level. */
public enum MessageType implements WireEnum {
  STATUS("status"),
  SESSION("session"),
  SAMPLES("samples"),
  ALARM("alarm"),
  SUMMARY("summary"),
  LOST("lost"),
  LIVE("live"),
  COMMAND("cmd");

  private final String wireName;

  MessageType(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }

  /** Parses a wire name; throws {@link ProtocolException} naming {@code field} if unknown. */
  public static MessageType parse(String field, String wireName) {
    return WireEnum.parse(MessageType.class, field, wireName);
  }
}
