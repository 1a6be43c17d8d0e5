package org.rehabtelemetry.protocol;

/** The three kinds of rehabilitation equipment. */
public enum DeviceKind implements WireEnum {
  VERTICALIZER("verticalizer"),
  MOVEMENT_TRAINER("movement-trainer"),
  HYDROTHERAPY("hydrotherapy");

  private final String wireName;

  DeviceKind(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }

  /** Parses a wire name; throws {@link ProtocolException} naming {@code field} if unknown. */
  public static DeviceKind parse(String field, String wireName) {
    return WireEnum.parse(DeviceKind.class, field, wireName);
  }
}
