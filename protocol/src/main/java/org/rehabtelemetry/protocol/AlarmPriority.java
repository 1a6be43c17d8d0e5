package org.rehabtelemetry.protocol;

/** Alarm priority after IEC 60601-1-8: high (red, flashing), medium (yellow), low (steady). */
public enum AlarmPriority implements WireEnum {
  HIGH("high"),
  MEDIUM("medium"),
  LOW("low");

  private final String wireName;

  AlarmPriority(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }

  /** Parses a wire name; throws {@link ProtocolException} naming {@code field} if unknown. */
  public static AlarmPriority parse(String field, String wireName) {
    return WireEnum.parse(AlarmPriority.class, field, wireName);
  }
}
