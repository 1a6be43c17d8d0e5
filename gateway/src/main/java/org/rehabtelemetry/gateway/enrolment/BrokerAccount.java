package org.rehabtelemetry.gateway.enrolment;

import java.time.Instant;
import java.util.Objects;
import org.rehabtelemetry.protocol.Identifiers;

/**
 * One broker account in the enrolment registry: a device, which speaks only as itself under its
 * site, or a gateway, which reads every device and sends commands. Its password hash lives only in
 * the broker's password file ({@link MosquittoFiles}), never here.
 *
 * @param name the broker user name; for a device its device id (a topic level)
 * @param role device or gateway
 * @param site the device's site (a topic level); null for a gateway
 * @param kind the device's kind, e.g. {@code verticalizer}; null for a gateway
 * @param enrolledAt when it was provisioned
 * @param revokedAt when it was revoked, or null while it may connect
 */
public record BrokerAccount(
    String name,
    AccountRole role,
    String site,
    String kind,
    Instant enrolledAt,
    Instant revokedAt) {

  /** What an account may do on the broker. */
  public enum AccountRole {
    DEVICE,
    GATEWAY
  }

  public BrokerAccount {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(enrolledAt, "enrolledAt");
    Identifiers.deviceId("name", name);
    if (role == AccountRole.DEVICE) {
      Identifiers.siteId("site", site);
      Identifiers.kind("kind", kind);
    } else if (site != null || kind != null) {
      throw new IllegalArgumentException("a gateway account has no site or kind");
    }
  }

  /** Whether the account may still connect. */
  public boolean active() {
    return revokedAt == null;
  }

  /** This account, revoked at {@code at}. */
  public BrokerAccount revoked(Instant at) {
    return new BrokerAccount(name, role, site, kind, enrolledAt, at);
  }
}
