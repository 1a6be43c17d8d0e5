package org.rehabtelemetry.protocol;

/** A transition of the session state machine: idle → running ⇄ paused → completed | interrupted. */
public enum SessionEventType implements WireEnum {
  STARTED("started"),
  PAUSED("paused"),
  RESUMED("resumed"),
  STOPPED("stopped"),
  INTERRUPTED("interrupted");

  private final String wireName;

  SessionEventType(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }

  /** Parses a wire name; throws {@link ProtocolException} naming {@code field} if unknown. */
  public static SessionEventType parse(String field, String wireName) {
    return WireEnum.parse(SessionEventType.class, field, wireName);
  }
}
