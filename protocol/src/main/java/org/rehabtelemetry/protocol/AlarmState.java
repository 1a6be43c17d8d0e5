package org.rehabtelemetry.protocol;

/**
 * The life cycle of one alarm: raised, then acknowledged by a person and/or cleared when the
 * condition ends.
 */
public enum AlarmState implements WireEnum {
  RAISED("raised"),
  ACKNOWLEDGED("acknowledged"),
  CLEARED("cleared");

  private final String wireName;

  AlarmState(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }

  /** Parses a wire name; throws {@link ProtocolException} naming {@code field} if unknown. */
  public static AlarmState parse(String field, String wireName) {
    return WireEnum.parse(AlarmState.class, field, wireName);
  }
}
