package org.rehabtelemetry.protocol;

/** Whether a device's agent is connected to the broker; {@code offline} is also the Last Will. */
public enum DeviceState implements WireEnum {
  ONLINE("online"),
  OFFLINE("offline");

  private final String wireName;

  DeviceState(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }

  /** Parses a wire name; throws {@link ProtocolException} naming {@code field} if unknown. */
  public static DeviceState parse(String field, String wireName) {
    return WireEnum.parse(DeviceState.class, field, wireName);
  }
}
