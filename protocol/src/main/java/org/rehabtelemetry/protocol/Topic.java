package org.rehabtelemetry.protocol;

/**
 * The MQTT topic tree: {@code rehab/v1/{site}/{deviceId}/{type}}.
 *
 * <p>{@code type} is a {@link MessageType} wire name: {@code status}, {@code session}, {@code
 * samples}, {@code alarm}, {@code summary} (device to gateway) and {@code cmd} (gateway to device).
 * The {@code v1} level is the major schema version, so a future incompatible contract can run
 * beside this one on the same broker.
 *
 * @param site the site (department or building), a topic level
 * @param deviceId the device, a topic level
 * @param type the message type, the last level
 */
public record Topic(String site, String deviceId, MessageType type) {
  /** The first two levels of every topic. */
  public static final String ROOT = "rehab/v1";

  /** Filter for every message any device sends (excludes commands only by the gateway's check). */
  public static final String ALL = ROOT + "/+/+/+";

  public Topic {
    Identifiers.siteId("site", site);
    Identifiers.deviceId("deviceId", deviceId);
    Identifiers.requireNonNull("type", type);
  }

  /** The topic string. */
  @Override
  public String toString() {
    return ROOT + "/" + site + "/" + deviceId + "/" + type.wireName();
  }

  /**
   * A filter for one message type from every device on every site, e.g. {@code
   * rehab/v1/+/+/samples}.
   */
  public static String filter(MessageType type) {
    return ROOT + "/+/+/" + type.wireName();
  }

  /**
   * Prefixes a filter for an MQTT shared subscription, so that the gateways of {@code group} split
   * the messages between them: {@code $share/group/filter}.
   */
  public static String shared(String group, String filter) {
    Identifiers.deviceId("group", group);
    return "$share/" + group + "/" + filter;
  }

  /**
   * Parses a topic string.
   *
   * @throws ProtocolException with field {@code (topic)} if it is not in the tree
   */
  public static Topic parse(String topic) {
    Identifiers.requireNonNull(ProtocolException.TOPIC, topic);
    String[] levels = topic.split("/", -1);
    if (levels.length != 5 || !(levels[0] + "/" + levels[1]).equals(ROOT)) {
      throw new ProtocolException(
          ProtocolException.TOPIC,
          "must be " + ROOT + "/{site}/{deviceId}/{type}, was " + Identifiers.quote(topic));
    }
    try {
      return new Topic(levels[2], levels[3], MessageType.parse("type", levels[4]));
    } catch (ProtocolException e) {
      throw new ProtocolException(ProtocolException.TOPIC, e.field() + " level " + e.reason(), e);
    }
  }
}
