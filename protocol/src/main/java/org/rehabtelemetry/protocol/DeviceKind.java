package org.rehabtelemetry.protocol;

/**
 * The kind of a piece of rehabilitation equipment, named by its device profile: a validated name
 * ({@link Identifiers#kind}), not a closed list, so a new kind (a pearl bath, a phyto barrel, a
 * sauna) is a new profile file and needs no protocol change. The wire spelling of the three first
 * kinds is unchanged, so schema 1 readers and writers of either version agree.
 *
 * @param wireName the name on the wire and in the profile, e.g. {@code verticalizer}
 */
public record DeviceKind(String wireName) {
  /** Standing frames and tilt tables. */
  public static final DeviceKind VERTICALIZER = new DeviceKind("verticalizer");

  /** Motorised leg and arm trainers. */
  public static final DeviceKind MOVEMENT_TRAINER = new DeviceKind("movement-trainer");

  /** Underwater shower massage, pearl and whirlpool baths. */
  public static final DeviceKind HYDROTHERAPY = new DeviceKind("hydrotherapy");

  public DeviceKind {
    Identifiers.kind("kind", wireName);
  }

  /** Parses a kind name; throws {@link ProtocolException} naming {@code field} if malformed. */
  public static DeviceKind parse(String field, String wireName) {
    Identifiers.kind(field, wireName);
    return new DeviceKind(wireName);
  }

  @Override
  public String toString() {
    return wireName;
  }
}
